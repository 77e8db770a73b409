package dev.quetzal.plugin.ikev2.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Suite and key checks: IANA transform ids (RFC 7296 §3.3.2, RFC 4106 §8, RFC 7634 §4, RFC 4868 §2),
 * key material lengths with salt (RFC 4106 §8.1, RFC 7634 §2), reserved SPIs (RFC 4303 §2.1), and keys
 * that never show in text.
 */
final class EspConfigTest {
    @Test
    @DisplayName("RFC 4106 §8.1, RFC 7634 §2, RFC 4868 §2.1.1: key material lengths per suite")
    void keyLengths() {
        assertEquals(20, EspTransform.aesGcm16(128).encryptionKeyLength());
        assertEquals(36, EspTransform.aesGcm16(256).encryptionKeyLength());
        assertEquals(36, EspTransform.chaCha20Poly1305().encryptionKeyLength());
        assertEquals(32, EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_256_128).encryptionKeyLength());
        assertEquals(48, EspIntegrity.AUTH_HMAC_SHA2_384_192.keyLength());
        assertEquals(24, EspIntegrity.AUTH_HMAC_SHA2_384_192.icvLength());
        assertEquals(32, EspIntegrity.AUTH_HMAC_SHA2_512_256.icvLength());
    }

    @Test
    @DisplayName("IANA IKEv2 Transform Type 1 and 3 identifiers")
    void transformIds() {
        assertEquals(12, EspEncryption.AES_CBC.transformId());
        assertEquals(20, EspEncryption.AES_GCM_16.transformId());
        assertEquals(28, EspEncryption.CHACHA20_POLY1305.transformId());
        assertEquals(12, EspIntegrity.AUTH_HMAC_SHA2_256_128.transformId());
        assertEquals(13, EspIntegrity.AUTH_HMAC_SHA2_384_192.transformId());
        assertEquals(14, EspIntegrity.AUTH_HMAC_SHA2_512_256.transformId());
    }

    @Test
    @DisplayName("RFC 4303 §3.2: impossible suites and wrong key lengths are refused with a clear message")
    void refusesBadSuitesAndKeys() {
        assertThrows(IllegalArgumentException.class, () -> EspTransform.aesGcm16(192));
        assertThrows(IllegalArgumentException.class,
                () -> new EspTransform(EspEncryption.CHACHA20_POLY1305, 128, EspIntegrity.NONE));
        assertThrows(IllegalArgumentException.class, () -> EspTransform.aesCbc(128, EspIntegrity.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new EspTransform(EspEncryption.AES_GCM_16, 128, EspIntegrity.AUTH_HMAC_SHA2_256_128));
        EspTransform gcm = EspTransform.aesGcm16(128);
        EspKeys shortKey = new EspKeys(new byte[16], new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EspSaConfig(0x1000, 0x2000, gcm, shortKey, shortKey, false, EspLimits.DEFAULT));
        assertTrue(e.getMessage().contains("needs 20"), e.getMessage());
        EspKeys good = new EspKeys(new byte[20], new byte[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new EspSaConfig(255, 0x2000, gcm, good, good, false, EspLimits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EspLimits(10, 5, 0));
    }

    @Test
    @DisplayName("Secrets: key bytes never appear in toString of keys, config or SA")
    void keysStayHidden() {
        byte[] key = new byte[36];
        java.util.Arrays.fill(key, (byte) 0xAB);
        EspKeys keys = new EspKeys(key, new byte[0]);
        EspSaConfig config = new EspSaConfig(0x1000, 0x2000, EspTransform.aesGcm16(256), keys, keys, true,
                EspLimits.DEFAULT);
        String hex = HexFormat.of().formatHex(key, 0, 4);
        for (String text : new String[] {keys.toString(), config.toString(), new EspSa(config).toString()}) {
            assertFalse(text.toLowerCase().contains(hex), text);
            assertFalse(text.contains("-85, -85"), text);
        }
        keys.destroy();
        assertEquals(0, keys.encryptionKey()[0]);
    }
}
