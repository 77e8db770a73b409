package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DirectionKeys;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.SkPayload;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds an SK payload whose encrypted part is exactly the given octets (inner payloads, padding and Pad Length as
 * the caller wants them, RFC 7296 §3.14), with the JDK's ciphers rather than the gateway's, so a test can send
 * authentic messages with any padding. AES-GCM per RFC 5282 (salt from the end of SK_e, 8-octet IV, 16-octet ICV);
 * AES-CBC with HMAC-SHA-256-128 (RFC 4868) over the whole message up to the ICV.
 */
final class SkCrafter {
    private static final int GCM_IV = 8;
    private static final int GCM_TAG = 16;
    private static final int SALT = 4; // RFC 5282 §7.1: the last 4 octets of SK_e
    private static final int BLOCK = 16;

    private SkCrafter() {
    }

    /**
     * The message {@code header} + SK whose decryption is {@code encrypted}; for CBC, {@code encrypted} is
     * extended with zero octets to whole blocks first.
     */
    static byte[] craft(IkeSuite suite, DirectionKeys keys, IkeHeader header, int firstInnerType, byte[] encrypted) {
        boolean aead = suite.encryption().isAead();
        byte[] text = aead ? encrypted : Arrays.copyOf(encrypted, (encrypted.length + BLOCK - 1) / BLOCK * BLOCK);
        int icv = aead ? GCM_TAG : suite.integrity().icvLength();
        int ivLength = aead ? GCM_IV : BLOCK;
        int bodyLength = ivLength + text.length + icv;
        byte[] wire = new IkeMessage(header, new SkPayload(firstInnerType, Octets.of(new byte[bodyLength]))).encode();
        int bodyOffset = wire.length - bodyLength;
        for (int i = 0; i < ivLength; i++) {
            wire[bodyOffset + i] = (byte) (0x40 + i);
        }
        try {
            if (aead) {
                byte[] material = keys.encryption();
                int keyLength = material.length - SALT;
                byte[] nonce = new byte[SALT + GCM_IV];
                System.arraycopy(material, keyLength, nonce, 0, SALT);
                System.arraycopy(wire, bodyOffset, nonce, SALT, GCM_IV);
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(material, 0, keyLength, "AES"),
                        new GCMParameterSpec(GCM_TAG * 8, nonce));
                gcm.updateAAD(wire, 0, bodyOffset);
                gcm.doFinal(text, 0, text.length, wire, bodyOffset + GCM_IV);
            } else {
                if (!suite.integrity().equals(IntegrityAlgorithm.HMAC_SHA2_256_128)) {
                    throw new IllegalArgumentException("CBC only with HMAC-SHA-256-128, not " + suite.integrity());
                }
                Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
                cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.encryption(), "AES"),
                        new IvParameterSpec(wire, bodyOffset, BLOCK));
                cbc.doFinal(text, 0, text.length, wire, bodyOffset + BLOCK);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keys.integrity(), "HmacSHA256"));
                mac.update(wire, 0, wire.length - icv);
                System.arraycopy(mac.doFinal(), 0, wire, wire.length - icv, icv);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return wire;
    }
}
