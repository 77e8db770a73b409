package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.crypto.Hex.bytes;
import static dev.quetzal.plugin.ikev2.crypto.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole key schedule with fixed nonces, SPIs and DH secret, checked against an independent computation with
 * plain javax.crypto.Mac: SKEYSEED and SK_* (RFC 7296 §2.14), Child SA KEYMAT with and without PFS (§2.17) and the
 * IKE SA rekey (§2.18). Key lengths are written out here rather than taken from the code under test.
 */
final class KeyScheduleTest {
    private static final byte[] NI = bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] NR = bytes("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
    /** g^ir: the RFC 5903 §8.1 ECP_256 shared secret, so the inputs are realistic. */
    private static final byte[] GIR = bytes("d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de");
    private static final long SPI_I = 0x0102030405060708L;
    private static final long SPI_R = 0x1112131415161718L;
    private static final byte[] SPIS = bytes("0102030405060708" + "1112131415161718");

    private static byte[] hmac(String name, byte[] key, byte[]... data) throws Exception {
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(key, name));
        for (byte[] d : data) {
            mac.update(d);
        }
        return mac.doFinal();
    }

    /** RFC 7296 §2.13, written out again independently of {@link Prf}. */
    private static byte[] prfPlus(String name, byte[] key, byte[] seed, int length) throws Exception {
        byte[] out = new byte[0];
        byte[] t = new byte[0];
        for (int n = 1; out.length < length; n++) {
            t = hmac(name, key, t, seed, new byte[] {(byte) n});
            out = PrfTest.concat(out, t);
        }
        return Arrays.copyOf(out, length);
    }

    /** Splits {@code keymat} into consecutive pieces of the given lengths. */
    private static byte[][] split(byte[] keymat, int... lengths) {
        byte[][] parts = new byte[lengths.length][];
        int o = 0;
        for (int i = 0; i < lengths.length; i++) {
            parts[i] = Arrays.copyOfRange(keymat, o, o + lengths[i]);
            o += lengths[i];
        }
        assertEquals(keymat.length, o);
        return parts;
    }

    private static void assertKeys(byte[][] expected, IkeSaKeys keys) {
        assertEquals(hex(expected[0]), hex(keys.skD()), "SK_d");
        assertEquals(hex(expected[1]), hex(keys.skAi()), "SK_ai");
        assertEquals(hex(expected[2]), hex(keys.skAr()), "SK_ar");
        assertEquals(hex(expected[3]), hex(keys.skEi()), "SK_ei");
        assertEquals(hex(expected[4]), hex(keys.skEr()), "SK_er");
        assertEquals(hex(expected[5]), hex(keys.skPi()), "SK_pi");
        assertEquals(hex(expected[6]), hex(keys.skPr()), "SK_pr");
    }

    @Test
    @DisplayName("RFC 7296 §2.14 + RFC 5282 §7.1: AES-GCM-256 / PRF-HMAC-SHA2-256: SK_e carry the salt, no SK_a")
    void initialKeysAesGcm256() throws Exception {
        IkeSuite suite = new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256,
                IntegrityAlgorithm.NONE, DhGroup.ECP_256);
        byte[] skeyseed = hmac("HmacSHA256", PrfTest.concat(NI, NR), GIR);
        assertArrayEquals(skeyseed, KeySchedule.skeyseed(PrfAlgorithm.HMAC_SHA2_256, NI, NR, GIR));
        byte[] keymat = prfPlus("HmacSHA256", skeyseed, PrfTest.concat(NI, NR, SPIS), 32 + 0 + 0 + 36 + 36 + 32 + 32);
        byte[][] expected = split(keymat, 32, 0, 0, 36, 36, 32, 32);
        assertKeys(expected, KeySchedule.initialIkeSaKeys(suite, NI, NR, GIR, SPI_I, SPI_R));
    }

    @Test
    @DisplayName("RFC 7296 §2.14 + RFC 4868 §2.1: AES-CBC-256 / HMAC-SHA2-512-256 / PRF-HMAC-SHA2-384 lengths")
    void initialKeysAesCbc256() throws Exception {
        IkeSuite suite = new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_384,
                IntegrityAlgorithm.HMAC_SHA2_512_256, DhGroup.MODP_2048);
        byte[] skeyseed = hmac("HmacSHA384", PrfTest.concat(NI, NR), GIR);
        byte[] keymat = prfPlus("HmacSHA384", skeyseed, PrfTest.concat(NI, NR, SPIS), 48 + 64 * 2 + 32 * 2 + 48 * 2);
        byte[][] expected = split(keymat, 48, 64, 64, 32, 32, 48, 48);
        IkeSaKeys keys = KeySchedule.initialIkeSaKeys(suite, NI, NR, GIR, SPI_I, SPI_R);
        assertKeys(expected, keys);
        // Role-neutral: what the initiator sends with, the responder receives with.
        assertEquals(keys.outbound(true), keys.inbound(false));
        assertEquals(hex(expected[3]), hex(keys.outbound(true).encryption()));
        assertEquals(hex(expected[2]), hex(keys.outbound(false).integrity()));
    }

    @Test
    @DisplayName("RFC 7296 §2.14 + RFC 7634 §3: ChaCha20-Poly1305 / PRF-HMAC-SHA2-512: 36-octet SK_e")
    void initialKeysChaCha() throws Exception {
        IkeSuite suite = new IkeSuite(EncryptionAlgorithm.CHACHA20_POLY1305, 256, PrfAlgorithm.HMAC_SHA2_512,
                IntegrityAlgorithm.NONE, DhGroup.CURVE25519);
        byte[] skeyseed = hmac("HmacSHA512", PrfTest.concat(NI, NR), GIR);
        byte[] keymat = prfPlus("HmacSHA512", skeyseed, PrfTest.concat(NI, NR, SPIS), 64 + 36 * 2 + 64 * 2);
        assertKeys(split(keymat, 64, 0, 0, 36, 36, 64, 64),
                KeySchedule.initialIkeSaKeys(suite, NI, NR, GIR, SPI_I, SPI_R));
    }

    @Test
    @DisplayName("RFC 7296 §2.17 + RFC 4106 §8.1: first Child SA KEYMAT = prf+(SK_d, Ni | Nr), AES-GCM-256 ESP")
    void firstChildSaKeymatAead() throws Exception {
        byte[] skD = KeySchedule.initialIkeSaKeys(new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256,
                PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.NONE, DhGroup.ECP_256), NI, NR, GIR, SPI_I, SPI_R).skD();
        byte[][] expected = split(prfPlus("HmacSHA256", skD, PrfTest.concat(NI, NR), 72), 36, 36);
        ChildSaKeys child = KeySchedule.childSaKeys(PrfAlgorithm.HMAC_SHA2_256, skD, null, NI, NR,
                EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE);
        assertEquals(hex(expected[0]), hex(child.initiatorToResponder().encryption()));
        assertEquals(hex(expected[1]), hex(child.responderToInitiator().encryption()));
        assertEquals(0, child.initiatorToResponder().integrity().length);
        assertEquals(child.outbound(false), child.inbound(true));
    }

    @Test
    @DisplayName("RFC 7296 §2.17: order is encryption then integrity, initiator-to-responder first (AES-CBC-128)")
    void childSaKeymatCbcOrder() throws Exception {
        byte[] skD = bytes("d0".repeat(32));
        byte[][] expected = split(prfPlus("HmacSHA256", skD, PrfTest.concat(NI, NR), 96), 16, 32, 16, 32);
        ChildSaKeys child = KeySchedule.childSaKeys(PrfAlgorithm.HMAC_SHA2_256, skD, null, NI, NR,
                EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertEquals(hex(expected[0]), hex(child.initiatorToResponder().encryption()));
        assertEquals(hex(expected[1]), hex(child.initiatorToResponder().integrity()));
        assertEquals(hex(expected[2]), hex(child.responderToInitiator().encryption()));
        assertEquals(hex(expected[3]), hex(child.responderToInitiator().integrity()));
    }

    @Test
    @DisplayName("RFC 7296 §2.17: with PFS, KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr) (ChaCha20-Poly1305 ESP)")
    void childSaKeymatWithPfs() throws Exception {
        byte[] skD = bytes("5d".repeat(48));
        byte[] newGir = bytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        byte[] nonceI = bytes("a0".repeat(24));
        byte[] nonceR = bytes("b1".repeat(40));
        byte[][] expected = split(prfPlus("HmacSHA384", skD, PrfTest.concat(newGir, nonceI, nonceR), 72), 36, 36);
        ChildSaKeys child = KeySchedule.childSaKeys(PrfAlgorithm.HMAC_SHA2_384, skD, newGir, nonceI, nonceR,
                EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE);
        assertEquals(hex(expected[0]), hex(child.initiatorToResponder().encryption()));
        assertEquals(hex(expected[1]), hex(child.responderToInitiator().encryption()));
    }

    @Test
    @DisplayName("RFC 7296 §2.18: rekey SKEYSEED = prf_old(SK_d old, g^ir new | Ni | Nr), SK_* with the new PRF")
    void ikeSaRekeyWithDifferentPrf() throws Exception {
        byte[] oldSkD = bytes("0d".repeat(32)); // from a PRF-HMAC-SHA2-256 IKE SA
        byte[] newGir = bytes("11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4"
                + "d603135569b9e9d09cf5d4a270f59746");
        byte[] ni = bytes("c1".repeat(32));
        byte[] nr = bytes("c2".repeat(32));
        long newSpiI = 0x2122232425262728L;
        long newSpiR = 0x3132333435363738L;
        IkeSuite newSuite = new IkeSuite(EncryptionAlgorithm.AES_CBC, 128, PrfAlgorithm.HMAC_SHA2_512,
                IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.ECP_384);

        byte[] skeyseed = hmac("HmacSHA256", oldSkD, newGir, ni, nr);
        assertArrayEquals(skeyseed, KeySchedule.rekeySkeyseed(PrfAlgorithm.HMAC_SHA2_256, oldSkD, newGir, ni, nr));
        byte[] seed = PrfTest.concat(ni, nr, bytes("2122232425262728" + "3132333435363738"));
        byte[] keymat = prfPlus("HmacSHA512", skeyseed, seed, 64 + 32 * 2 + 16 * 2 + 64 * 2);
        assertKeys(split(keymat, 64, 32, 32, 16, 16, 64, 64), KeySchedule.rekeyedIkeSaKeys(newSuite,
                PrfAlgorithm.HMAC_SHA2_256, oldSkD, newGir, ni, nr, newSpiI, newSpiR));
    }

    @Test
    @DisplayName("RFC 7296 §2.14: keys never appear in toString")
    void keysAreRedacted() {
        IkeSaKeys keys = KeySchedule.initialIkeSaKeys(new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 128,
                PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.NONE, DhGroup.ECP_256), NI, NR, GIR, SPI_I, SPI_R);
        String text = keys + " " + keys.outbound(true) + " " + KeySchedule.childSaKeys(PrfAlgorithm.HMAC_SHA2_256,
                keys.skD(), null, NI, NR, EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.NONE);
        for (byte[] secret : new byte[][] {keys.skD(), keys.skEi(), keys.skEr(), keys.skPi(), keys.skPr()}) {
            assertFalse(text.contains(hex(secret).substring(0, 8)), text);
        }
        assertEquals(20, keys.skEi().length); // 128-bit key + 4-octet salt
    }

    @Test
    @DisplayName("RFC 5282 §8 / RFC 7634 §4: AEAD with an INTEG transform, or CBC without one, is refused")
    void inconsistentSuitesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256,
                PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.ECP_256));
        assertThrows(IllegalArgumentException.class, () -> new IkeSuite(EncryptionAlgorithm.AES_CBC, 256,
                PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.NONE, DhGroup.ECP_256));
        assertThrows(IllegalArgumentException.class, () -> new IkeSuite(EncryptionAlgorithm.AES_CBC, 192,
                PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.ECP_256));
        assertThrows(IllegalArgumentException.class, () -> KeySchedule.childSaKeys(PrfAlgorithm.HMAC_SHA2_256,
                NI, null, NI, NR, EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.HMAC_SHA2_256_128));
    }
}
