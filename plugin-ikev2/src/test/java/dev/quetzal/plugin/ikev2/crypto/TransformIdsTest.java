package dev.quetzal.plugin.ikev2.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.esp.EspEncryption;
import dev.quetzal.plugin.ikev2.esp.EspIntegrity;
import dev.quetzal.plugin.ikev2.message.TransformType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What proposal narrowing may accept (RFC 7296 §3.3.2, §3.3.5; IANA "IKEv2 Parameters" transform ids). */
final class TransformIdsTest {
    @Test
    @DisplayName("IANA IKEv2 Parameters: the registry numbers, kept once in message.TransformType and used by every view")
    void registryNumbers() {
        assertEquals(List.of(1, 2, 3, 4, 5), List.of(TransformType.ENCR, TransformType.PRF, TransformType.INTEG,
                TransformType.KE, TransformType.ESN));
        assertEquals(List.of(12, 20, 28), List.of(EncryptionAlgorithm.AES_CBC.id(), EncryptionAlgorithm.AES_GCM_16.id(),
                EncryptionAlgorithm.CHACHA20_POLY1305.id()));
        assertEquals(List.of(5, 6, 7), List.of(PrfAlgorithm.HMAC_SHA2_256.id(), PrfAlgorithm.HMAC_SHA2_384.id(),
                PrfAlgorithm.HMAC_SHA2_512.id()));
        assertEquals(List.of(0, 12, 13, 14), List.of(IntegrityAlgorithm.NONE.id(),
                IntegrityAlgorithm.HMAC_SHA2_256_128.id(), IntegrityAlgorithm.HMAC_SHA2_384_192.id(),
                IntegrityAlgorithm.HMAC_SHA2_512_256.id()));
        assertEquals(List.of(0, 14, 19, 20, 21, 31), List.of(DhGroup.NONE.id(), DhGroup.MODP_2048.id(),
                DhGroup.ECP_256.id(), DhGroup.ECP_384.id(), DhGroup.ECP_521.id(), DhGroup.CURVE25519.id()));
        assertEquals(List.of(0, 1), List.of(EsnMode.NO_ESN.id(), EsnMode.ESN.id()));
        // The ESP data path names the same transforms as the IKE negotiation.
        assertEquals(EncryptionAlgorithm.AES_GCM_16.id(), EspEncryption.AES_GCM_16.transformId());
        assertEquals(IntegrityAlgorithm.HMAC_SHA2_384_192.id(), EspIntegrity.AUTH_HMAC_SHA2_384_192.transformId());
    }

    @Test
    @DisplayName("RFC 7296 §3.3.5: AES needs a Key Length attribute of 128 or 256; ChaCha20-Poly1305 has none")
    void encryptionKeyLengths() {
        assertEquals(List.of(128, 256), EncryptionAlgorithm.AES_CBC.keyLengthsBits());
        assertTrue(EncryptionAlgorithm.AES_GCM_16.keyLengthsBits().contains(256));
        assertFalse(EncryptionAlgorithm.AES_GCM_16.keyLengthsBits().contains(192));
        assertTrue(EncryptionAlgorithm.AES_GCM_16.requiresKeyLengthAttribute());
        assertTrue(EncryptionAlgorithm.AES_CBC.requiresKeyLengthAttribute());
        // RFC 7634 §4: no Key Length attribute, a fixed 256-bit key.
        assertFalse(EncryptionAlgorithm.CHACHA20_POLY1305.requiresKeyLengthAttribute());
        assertEquals(List.of(256), EncryptionAlgorithm.CHACHA20_POLY1305.keyLengthsBits());
        assertFalse(EncryptionAlgorithm.valueOf(3).isSupported()); // 3DES
        assertFalse(EncryptionAlgorithm.valueOf(TransformType.ENCR_AES_GCM_12).isSupported());
        assertEquals(List.of(), EncryptionAlgorithm.valueOf(TransformType.ENCR_AES_GCM_12).keyLengthsBits());
    }

    @Test
    @DisplayName("IANA IKEv2 transform types 2-5: the implemented ids")
    void otherTypes() {
        for (int id : new int[] {5, 6, 7}) {
            assertTrue(PrfAlgorithm.valueOf(id).isSupported());
        }
        assertFalse(PrfAlgorithm.valueOf(TransformType.PRF_HMAC_SHA1).isSupported());
        for (int id : new int[] {0, 12, 13, 14}) {
            assertTrue(IntegrityAlgorithm.valueOf(id).isSupported());
        }
        assertFalse(IntegrityAlgorithm.valueOf(TransformType.INTEG_HMAC_SHA1_96).isSupported());
        for (int id : new int[] {14, 19, 20, 21, 31}) {
            assertTrue(DhGroup.valueOf(id).isSupported());
        }
        assertFalse(DhGroup.NONE.isSupported(), "NONE is not a key exchange");
        assertFalse(DhGroup.valueOf(2).isSupported()); // MODP-1024
        assertFalse(DhGroup.valueOf(32).isSupported()); // Curve448
        assertTrue(EsnMode.NO_ESN.isSupported());
        assertTrue(EsnMode.ESN.isSupported());
        assertFalse(EsnMode.valueOf(2).isSupported());
    }

    @Test
    @DisplayName("RFC 5282 §8: which ENCR transforms are AEAD, with their names")
    void aead() {
        assertTrue(EncryptionAlgorithm.AES_GCM_16.isAead());
        assertEquals("ENCR_AES_GCM_16", EncryptionAlgorithm.AES_GCM_16.toString());
        assertFalse(EncryptionAlgorithm.AES_CBC.isAead());
        assertTrue(EncryptionAlgorithm.CHACHA20_POLY1305.isAead());
        assertFalse(EncryptionAlgorithm.valueOf(4242).isAead());
    }

    @Test
    @DisplayName("IANA IKEv2 Parameters: unknown ids are kept as values with a readable name")
    void unknownIdsAreRepresentable() {
        assertEquals("ENCR_1024", EncryptionAlgorithm.valueOf(1024).toString());
        assertFalse(EncryptionAlgorithm.valueOf(1024).isSupported());
        assertEquals("AUTH_2", IntegrityAlgorithm.valueOf(2).toString());
        assertEquals("ESN_7", EsnMode.valueOf(7).toString());
        assertEquals("DH_32", DhGroup.valueOf(32).toString());
        assertEquals(EncryptionAlgorithm.AES_GCM_16, EncryptionAlgorithm.valueOf(20));
    }

    @Test
    @DisplayName("RFC 5282 §7.1, RFC 7634 §2, RFC 4868 §2.1: key material and ICV lengths per algorithm")
    void lengths() {
        assertEquals(36, EncryptionAlgorithm.AES_GCM_16.keyMaterialLength(256));
        assertEquals(20, EncryptionAlgorithm.AES_GCM_16.keyMaterialLength(128));
        assertEquals(36, EncryptionAlgorithm.CHACHA20_POLY1305.keyMaterialLength(256));
        assertEquals(32, EncryptionAlgorithm.AES_CBC.keyMaterialLength(256));
        assertEquals(24, IntegrityAlgorithm.HMAC_SHA2_384_192.icvLength());
        assertEquals(64, IntegrityAlgorithm.HMAC_SHA2_512_256.keyLength());
        assertEquals(48, PrfAlgorithm.HMAC_SHA2_384.keyLength());
        assertEquals(132, DhGroup.ECP_521.publicValueLength());
        assertEquals(66, DhGroup.ECP_521.sharedSecretLength());
    }
}
