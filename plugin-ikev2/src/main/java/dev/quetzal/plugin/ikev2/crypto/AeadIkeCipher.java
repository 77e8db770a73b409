package dev.quetzal.plugin.ikev2.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 16-octet ICV (RFC 5282) or ChaCha20-Poly1305 (RFC 7634) for the SK payload. The nonce is the
 * 4-octet salt from the end of SK_e followed by the 8-octet explicit IV; the IV is a counter, which is unique per key
 * as RFC 5282 §3.1 requires. No padding is added (RFC 7634 §3); any padding is accepted on receipt.
 */
public final class AeadIkeCipher implements IkeCipher {
    private static final int IV_LENGTH = 8;
    private static final int TAG_LENGTH = 16;
    private static final int SALT_LENGTH = EncryptionAlgorithm.AEAD_SALT_LENGTH;

    private final EncryptionAlgorithm algorithm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final Cipher cipher;
    private final byte[] nonce = new byte[SALT_LENGTH + IV_LENGTH];
    private final long firstIv;
    private long nextIv;
    private boolean exhausted;

    AeadIkeCipher(EncryptionAlgorithm algorithm, byte[] keyMaterial, long firstIv) {
        if (!algorithm.isAead()) {
            throw new IllegalArgumentException(algorithm + " is not an AEAD cipher");
        }
        int keyLength = keyMaterial.length - SALT_LENGTH;
        if (!algorithm.keyLengthsBits().contains(keyLength * 8)) {
            throw new IllegalArgumentException(algorithm + " cannot use " + keyMaterial.length
                    + " octets of key material");
        }
        this.algorithm = algorithm;
        boolean gcm = algorithm.equals(EncryptionAlgorithm.AES_GCM_16);
        this.key = new SecretKeySpec(keyMaterial, 0, keyLength, gcm ? "AES" : "ChaCha20");
        this.salt = Arrays.copyOfRange(keyMaterial, keyLength, keyMaterial.length);
        this.firstIv = firstIv;
        this.nextIv = firstIv;
        try {
            this.cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    @Override
    public int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public int icvLength() {
        return TAG_LENGTH;
    }

    @Override
    public int bodyLength(int plaintextLength) {
        return IV_LENGTH + plaintextLength + 1 + TAG_LENGTH;
    }

    @Override
    public int encrypt(byte[] buf, int messageStart, int bodyOffset, byte[] plaintext, int plaintextOffset,
                       int plaintextLength) {
        if (exhausted) {
            throw new IllegalStateException(algorithm + " IV space of this IKE SA is used up; rekey it");
        }
        long iv = nextIv++;
        exhausted = nextIv == firstIv;
        int ivOffset = bodyOffset;
        for (int i = 0; i < IV_LENGTH; i++) {
            buf[ivOffset + i] = (byte) (iv >>> (56 - 8 * i));
        }
        int ctOffset = ivOffset + IV_LENGTH;
        System.arraycopy(plaintext, plaintextOffset, buf, ctOffset, plaintextLength);
        buf[ctOffset + plaintextLength] = 0; // Pad Length: no padding
        int inputLength = plaintextLength + 1;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, parameters(buf, ivOffset));
            cipher.updateAAD(buf, messageStart, bodyOffset - messageStart);
            int n = cipher.doFinal(buf, ctOffset, inputLength, buf, ctOffset);
            return ctOffset + n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " encryption failed", e);
        }
    }

    @Override
    public DecryptResult decrypt(byte[] buf, int messageStart, int bodyOffset, int bodyEnd) {
        int bodyLength = bodyEnd - bodyOffset;
        if (bodyLength < IV_LENGTH + 1 + TAG_LENGTH) {
            return new DecryptResult.Malformed(DecryptResult.Reason.TOO_SHORT, algorithm + " SK body of "
                    + bodyLength + " octets is shorter than IV, pad length and ICV");
        }
        int ctOffset = bodyOffset + IV_LENGTH;
        int ctLength = bodyEnd - ctOffset; // ciphertext and tag
        byte[] out = new byte[ctLength - TAG_LENGTH];
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, parameters(buf, bodyOffset));
            cipher.updateAAD(buf, messageStart, bodyOffset - messageStart);
            cipher.doFinal(buf, ctOffset, ctLength, out, 0);
        } catch (AEADBadTagException e) {
            return new DecryptResult.IntegrityFailure();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " decryption failed", e);
        }
        int padLength = out[out.length - 1] & 0xFF;
        if (padLength + 1 > out.length) {
            return new DecryptResult.Malformed(DecryptResult.Reason.BAD_PAD_LENGTH, "pad length " + padLength
                    + " exceeds the " + out.length + " decrypted octets");
        }
        return new DecryptResult.Ok(Arrays.copyOf(out, out.length - padLength - 1));
    }

    private AlgorithmParameterSpec parameters(byte[] buf, int ivOffset) {
        System.arraycopy(salt, 0, nonce, 0, SALT_LENGTH);
        System.arraycopy(buf, ivOffset, nonce, SALT_LENGTH, IV_LENGTH);
        return algorithm.equals(EncryptionAlgorithm.AES_GCM_16)
                ? new GCMParameterSpec(TAG_LENGTH * 8, nonce)
                : new IvParameterSpec(nonce);
    }

    @Override
    public String toString() {
        return "AeadIkeCipher[" + algorithm + ", " + key.getEncoded().length * 8 + "-bit key]";
    }
}
