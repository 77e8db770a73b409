package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.crypto.Hex.bytes;
import static dev.quetzal.plugin.ikev2.crypto.Hex.hex;
import static dev.quetzal.plugin.ikev2.crypto.Hex.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Known answers for the HMAC-SHA2 PRFs (RFC 4231 §4, RFC 4868 §2.7.1) and prf+ (RFC 7296 §2.13). */
final class PrfTest {
    private static final byte[] HI_THERE = "Hi There".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WHAT_DO_YA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JEFE = "Jefe".getBytes(StandardCharsets.US_ASCII);

    private static String prf(PrfAlgorithm a, byte[] key, byte[] data) {
        return hex(Prf.of(a).compute(key, data));
    }

    @Test
    @DisplayName("RFC 4231 §4.2 test case 1: 20-octet key 0x0b, \"Hi There\"")
    void rfc4231TestCase1() {
        byte[] key = repeat(0x0b, 20);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                prf(PrfAlgorithm.HMAC_SHA2_256, key, HI_THERE));
        assertEquals("afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
                + "faea9ea9076ede7f4af152e8b2fa9cb6", prf(PrfAlgorithm.HMAC_SHA2_384, key, HI_THERE));
        assertEquals("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
                prf(PrfAlgorithm.HMAC_SHA2_512, key, HI_THERE));
    }

    @Test
    @DisplayName("RFC 4231 §4.3 test case 2: key shorter than the output (\"Jefe\")")
    void rfc4231TestCase2() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                prf(PrfAlgorithm.HMAC_SHA2_256, JEFE, WHAT_DO_YA));
        assertEquals("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                + "8e2240ca5e69e2c78b3239ecfab21649", prf(PrfAlgorithm.HMAC_SHA2_384, JEFE, WHAT_DO_YA));
        assertEquals("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
                prf(PrfAlgorithm.HMAC_SHA2_512, JEFE, WHAT_DO_YA));
    }

    @Test
    @DisplayName("RFC 4231 §4.7 test case 6: key longer than the block is hashed first")
    void rfc4231TestCase6() {
        byte[] data = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                prf(PrfAlgorithm.HMAC_SHA2_256, repeat(0xaa, 131), data));
    }

    @Test
    @DisplayName("RFC 4868 §2.7.1 PRF test cases 1-4 for PRF_HMAC_SHA2_256 (key length = output length)")
    void rfc4868PrfSha256() {
        PrfAlgorithm a = PrfAlgorithm.HMAC_SHA2_256;
        assertEquals("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7",
                prf(a, repeat(0x0b, 32), HI_THERE));
        assertEquals("167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6",
                prf(a, bytes("4a6566654a6566654a6566654a6566654a6566654a6566654a6566654a656665"), WHAT_DO_YA));
        assertEquals("cdcb1220d1ecccea91e53aba3092f962e549fe6ce9ed7fdc43191fbde45c30b0",
                prf(a, repeat(0xaa, 32), repeat(0xdd, 50)));
        assertEquals("372efcf9b40b35c2115b1346903d2ef42fced46f0846e7257bb156d3d7b30d3f",
                prf(a, bytes("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"),
                        repeat(0xcd, 50)));
    }

    @Test
    @DisplayName("RFC 4868 §2.7.1 PRF test cases 1-2 for PRF_HMAC_SHA2_384 and case 1 for PRF_HMAC_SHA2_512")
    void rfc4868PrfSha384And512() {
        assertEquals("b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee9737a959796489bddbc"
                + "4c5df61d5b3297b4fb68dab9f1b582c2", prf(PrfAlgorithm.HMAC_SHA2_384, repeat(0x0b, 48), HI_THERE));
        byte[] jefe48 = new byte[48];
        for (int i = 0; i < 48; i += 4) {
            System.arraycopy(JEFE, 0, jefe48, i, 4);
        }
        assertEquals("2c7353974f1842fd66d53c452ca42122b28c0b594cfb184da86a368e9b8e16f5"
                + "349524ca4e82400cbde0686d403371c9", prf(PrfAlgorithm.HMAC_SHA2_384, jefe48, WHAT_DO_YA));
        assertEquals("637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"
                + "ac2878ebd5803f6f0b61dbce5e251ff8789a4722c1be65aea45fd464e89f8f5b",
                prf(PrfAlgorithm.HMAC_SHA2_512, repeat(0x0b, 64), HI_THERE));
    }

    @Test
    @DisplayName("RFC 7296 §2.13: prf+ = T1 | T2 | ..., Tn = prf(K, Tn-1 | S | n), seed parts concatenated")
    void prfPlusFollowsTheDefinition() throws Exception {
        byte[] key = bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] s1 = bytes("a0a1a2a3");
        byte[] s2 = bytes("b0b1b2b3b4");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] seed = bytes("a0a1a2a3b0b1b2b3b4");
        byte[] t1 = mac.doFinal(concat(seed, new byte[] {1}));
        byte[] t2 = mac.doFinal(concat(t1, seed, new byte[] {2}));
        byte[] t3 = mac.doFinal(concat(t2, seed, new byte[] {3}));
        byte[] expected = Arrays.copyOf(concat(t1, t2, t3), 70);
        assertArrayEquals(expected, Prf.of(PrfAlgorithm.HMAC_SHA2_256).prfPlus(key, 70, s1, s2));
    }

    @Test
    @DisplayName("RFC 7296 §2.13: the one-octet counter allows at most 255 blocks")
    void prfPlusRefusesMoreThan255Blocks() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        assertEquals(255 * 32, prf.prfPlus(repeat(1, 32), 255 * 32, new byte[] {0}).length);
        assertThrows(IllegalArgumentException.class, () -> prf.prfPlus(repeat(1, 32), 255 * 32 + 1, new byte[0]));
    }

    @Test
    @DisplayName("RFC 4868 §2.1: only PRF ids 5-7 are implemented; unknown ids are values, not errors")
    void unknownPrfIsRepresentableButNotUsable() {
        PrfAlgorithm aesXcbc = PrfAlgorithm.valueOf(4);
        assertEquals("PRF_4", aesXcbc.toString());
        assertThrows(IllegalArgumentException.class, () -> Prf.of(aesXcbc));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
