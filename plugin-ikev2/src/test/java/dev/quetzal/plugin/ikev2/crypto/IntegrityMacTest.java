package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.crypto.Hex.bytes;
import static dev.quetzal.plugin.ikev2.crypto.Hex.hex;
import static dev.quetzal.plugin.ikev2.crypto.Hex.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 4868 §2.7.2 authenticator test cases: HMAC-SHA2 truncated to half the output. */
final class IntegrityMacTest {
    private static final byte[] HI_THERE = "Hi There".getBytes(StandardCharsets.US_ASCII);

    private static String icv(IntegrityAlgorithm a, byte[] key, byte[] data) {
        IntegrityMac mac = IntegrityMac.of(a, key);
        byte[] out = new byte[mac.icvLength()];
        mac.compute(data, 0, data.length, out, 0);
        return hex(out);
    }

    @Test
    @DisplayName("RFC 4868 §2.7.2.1 AUTH256-1, §2.7.2.2 AUTH384-1, §2.7.2.3 AUTH512-1")
    void rfc4868AuthenticatorTestCase1() {
        assertEquals("198a607eb44bfbc69903a0f1cf2bbdc5",
                icv(IntegrityAlgorithm.HMAC_SHA2_256_128, repeat(0x0b, 32), HI_THERE));
        assertEquals("b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973",
                icv(IntegrityAlgorithm.HMAC_SHA2_384_192, repeat(0x0b, 48), HI_THERE));
        assertEquals("637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8",
                icv(IntegrityAlgorithm.HMAC_SHA2_512_256, repeat(0x0b, 64), HI_THERE));
    }

    @Test
    @DisplayName("RFC 4868 §2.7.2.1 AUTH256-2..4: the other SHA-256 authenticator cases")
    void rfc4868Auth256OtherCases() {
        IntegrityAlgorithm a = IntegrityAlgorithm.HMAC_SHA2_256_128;
        assertEquals("167f928588c5cc2eef8e3093caa0e87c", icv(a,
                bytes("4a6566654a6566654a6566654a6566654a6566654a6566654a6566654a656665"),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("cdcb1220d1ecccea91e53aba3092f962", icv(a, repeat(0xaa, 32), repeat(0xdd, 50)));
        assertEquals("372efcf9b40b35c2115b1346903d2ef4", icv(a,
                bytes("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"), repeat(0xcd, 50)));
    }

    @Test
    @DisplayName("RFC 4868 §2.1.2 and RFC 7296 §3.14: verify accepts the ICV and refuses any flipped bit")
    void verifyIsExactAtAnyOffset() {
        IntegrityMac mac = IntegrityMac.of(IntegrityAlgorithm.HMAC_SHA2_256_128, repeat(0x0b, 32));
        byte[] buf = new byte[3 + HI_THERE.length + 16];
        System.arraycopy(HI_THERE, 0, buf, 3, HI_THERE.length);
        mac.compute(buf, 3, HI_THERE.length, buf, 3 + HI_THERE.length);
        assertTrue(mac.verify(buf, 3, HI_THERE.length, buf, 3 + HI_THERE.length));
        for (int bit = 0; bit < 16 * 8; bit++) {
            buf[3 + HI_THERE.length + bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(mac.verify(buf, 3, HI_THERE.length, buf, 3 + HI_THERE.length), "bit " + bit);
            buf[3 + HI_THERE.length + bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    @Test
    @DisplayName("RFC 4868 §2.1.1: the key is exactly the hash output length; NONE has no MAC")
    void refusesWrongKeyLengthAndNone() {
        assertThrows(IllegalArgumentException.class,
                () -> IntegrityMac.of(IntegrityAlgorithm.HMAC_SHA2_256_128, repeat(1, 20)));
        assertThrows(IllegalArgumentException.class, () -> IntegrityMac.of(IntegrityAlgorithm.NONE, new byte[0]));
        assertEquals("IntegrityMac[AUTH_HMAC_SHA2_512_256]",
                IntegrityMac.of(IntegrityAlgorithm.HMAC_SHA2_512_256, repeat(7, 64)).toString());
    }
}
