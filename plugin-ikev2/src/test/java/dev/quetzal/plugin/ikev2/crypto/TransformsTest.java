package dev.quetzal.plugin.ikev2.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What proposal narrowing may accept (RFC 7296 §3.3.2, §3.3.5; IANA "IKEv2 Parameters" transform ids). */
final class TransformsTest {
    @Test
    @DisplayName("RFC 7296 §3.3.5: AES needs a Key Length attribute of 128 or 256; ChaCha20-Poly1305 has none")
    void encryptionKeyLengths() {
        assertTrue(Transforms.isSupported(TransformType.ENCR, 12, 128));
        assertTrue(Transforms.isSupported(TransformType.ENCR, 12, 256));
        assertTrue(Transforms.isSupported(TransformType.ENCR, 20, 256));
        assertFalse(Transforms.isSupported(TransformType.ENCR, 20, 192));
        assertFalse(Transforms.isSupported(TransformType.ENCR, 20, 0));
        assertTrue(Transforms.isSupported(TransformType.ENCR, 28, 0));
        assertFalse(Transforms.isSupported(TransformType.ENCR, 28, 256)); // RFC 7634 §4: no Key Length attribute
        assertFalse(Transforms.isSupported(TransformType.ENCR, 3, 0)); // 3DES
        assertFalse(Transforms.isSupported(TransformType.ENCR, 19, 256)); // AES-GCM-12
    }

    @Test
    @DisplayName("IANA IKEv2 transform types 2-5: the implemented ids, without Key Length attributes")
    void otherTypes() {
        for (int id : new int[] {5, 6, 7}) {
            assertTrue(Transforms.isSupported(TransformType.PRF, id, 0));
        }
        assertFalse(Transforms.isSupported(TransformType.PRF, 2, 0)); // HMAC-SHA1
        assertFalse(Transforms.isSupported(TransformType.PRF, 5, 256));
        for (int id : new int[] {0, 12, 13, 14}) {
            assertTrue(Transforms.isSupported(TransformType.INTEG, id, 0));
        }
        assertFalse(Transforms.isSupported(TransformType.INTEG, 2, 0)); // HMAC-SHA1-96
        for (int id : new int[] {0, 14, 19, 20, 21, 31}) {
            assertTrue(Transforms.isSupported(TransformType.KE, id, 0));
        }
        assertFalse(Transforms.isSupported(TransformType.KE, 2, 0)); // MODP-1024
        assertFalse(Transforms.isSupported(TransformType.KE, 32, 0)); // Curve448
        assertTrue(Transforms.isSupported(TransformType.ESN, 0, 0));
        assertTrue(Transforms.isSupported(TransformType.ESN, 1, 0));
        assertFalse(Transforms.isSupported(TransformType.ESN, 2, 0));
        assertFalse(Transforms.isSupported(TransformType.valueOf(6), 1, 0));
        assertFalse(Transforms.isSupported(TransformType.valueOf(241), 1, 0));
        assertTrue(Transforms.isSupported(1, 20, 128));
        assertFalse(Transforms.isSupported(300, 20, 128));
    }

    @Test
    @DisplayName("RFC 5282 §8: the description says which ENCR transforms are AEAD and lists key lengths")
    void descriptions() {
        TransformDescription gcm = Transforms.describe(TransformType.ENCR, 20).orElseThrow();
        assertTrue(gcm.aead());
        assertEquals(List.of(128, 256), gcm.keyLengthsBits());
        assertEquals("ENCR_AES_GCM_16", gcm.name());
        assertFalse(Transforms.describe(TransformType.ENCR, 12).orElseThrow().aead());
        assertTrue(Transforms.describe(TransformType.ENCR, 28).orElseThrow().aead());
        assertTrue(Transforms.describe(TransformType.ENCR, 4242).isEmpty());
        assertEquals(18, Transforms.supported().size());
    }

    @Test
    @DisplayName("IANA IKEv2 Parameters: unknown ids are kept as values with a readable name")
    void unknownIdsAreRepresentable() {
        assertEquals("ENCR_1024", EncryptionAlgorithm.valueOf(1024).toString());
        assertFalse(EncryptionAlgorithm.valueOf(1024).isSupported());
        assertEquals("AUTH_2", IntegrityAlgorithm.valueOf(2).toString());
        assertEquals("ESN_7", EsnMode.valueOf(7).toString());
        assertEquals("TRANSFORM_TYPE_9", TransformType.valueOf(9).toString());
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
