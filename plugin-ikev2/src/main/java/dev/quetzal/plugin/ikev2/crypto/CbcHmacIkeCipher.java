package dev.quetzal.plugin.ikev2.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC (RFC 3602) with an HMAC-SHA2 ICV truncated per RFC 4868, for the SK payload (RFC 7296 §3.14):
 * encrypt-then-MAC, the ICV covers the message from the IKE header through the ciphertext. The IV is random for
 * each message; the ICV is checked in constant time before anything is decrypted.
 */
public final class CbcHmacIkeCipher implements IkeCipher {
    private static final int BLOCK = 16;

    private final SecretKeySpec key;
    private final IntegrityAlgorithm integrity;
    private final Cipher cipher;
    private final IntegrityMac mac;
    private final SecureRandom random;
    private final byte[] iv = new byte[BLOCK];

    CbcHmacIkeCipher(byte[] encryptionKey, IntegrityAlgorithm integrity, byte[] integrityKey, SecureRandom random) {
        if (encryptionKey.length != 16 && encryptionKey.length != 32) {
            throw new IllegalArgumentException("AES-CBC takes a 128- or 256-bit key, not " + encryptionKey.length
                    + " octets");
        }
        if (integrity.equals(IntegrityAlgorithm.NONE) || !integrity.isSupported()) {
            throw new IllegalArgumentException("AES-CBC needs an integrity algorithm, not " + integrity);
        }
        this.key = new SecretKeySpec(encryptionKey, "AES");
        this.integrity = integrity;
        this.mac = IntegrityMac.of(integrity, integrityKey);
        this.random = random;
        try {
            this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC is missing from this JDK", e);
        }
    }

    @Override
    public int ivLength() {
        return BLOCK;
    }

    @Override
    public int icvLength() {
        return integrity.icvLength();
    }

    @Override
    public int bodyLength(int plaintextLength) {
        return BLOCK + paddedLength(plaintextLength) + integrity.icvLength();
    }

    private static int paddedLength(int plaintextLength) {
        return (plaintextLength + 1 + BLOCK - 1) / BLOCK * BLOCK;
    }

    @Override
    public int encrypt(byte[] buf, int messageStart, int bodyOffset, byte[] plaintext, int plaintextOffset,
                       int plaintextLength) {
        random.nextBytes(iv);
        System.arraycopy(iv, 0, buf, bodyOffset, BLOCK);
        int ctOffset = bodyOffset + BLOCK;
        int padded = paddedLength(plaintextLength);
        int padLength = padded - plaintextLength - 1;
        System.arraycopy(plaintext, plaintextOffset, buf, ctOffset, plaintextLength);
        Arrays.fill(buf, ctOffset + plaintextLength, ctOffset + padded - 1, (byte) 0);
        buf[ctOffset + padded - 1] = (byte) padLength;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(buf, ctOffset, padded, buf, ctOffset);
            int icvOffset = ctOffset + padded;
            mac.compute(buf, messageStart, icvOffset - messageStart, buf, icvOffset);
            return icvOffset + integrity.icvLength();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    @Override
    public DecryptResult decrypt(byte[] buf, int messageStart, int bodyOffset, int bodyEnd) {
        int icvLength = integrity.icvLength();
        int ctLength = bodyEnd - bodyOffset - BLOCK - icvLength;
        if (ctLength < BLOCK) {
            return new DecryptResult.Malformed(DecryptResult.Reason.TOO_SHORT, "AES-CBC SK body of "
                    + (bodyEnd - bodyOffset) + " octets has no room for IV, one block and ICV");
        }
        if (ctLength % BLOCK != 0) {
            return new DecryptResult.Malformed(DecryptResult.Reason.NOT_BLOCK_ALIGNED, "AES-CBC ciphertext of "
                    + ctLength + " octets is not a multiple of 16");
        }
        int icvOffset = bodyEnd - icvLength;
        if (!mac.verify(buf, messageStart, icvOffset - messageStart, buf, icvOffset)) {
            return new DecryptResult.IntegrityFailure();
        }
        byte[] out = new byte[ctLength];
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(buf, bodyOffset, BLOCK));
            cipher.doFinal(buf, bodyOffset + BLOCK, ctLength, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC decryption failed", e);
        }
        int padLength = out[ctLength - 1] & 0xFF;
        if (padLength + 1 > ctLength) {
            return new DecryptResult.Malformed(DecryptResult.Reason.BAD_PAD_LENGTH, "pad length " + padLength
                    + " exceeds the " + ctLength + " decrypted octets");
        }
        return new DecryptResult.Ok(Arrays.copyOf(out, ctLength - padLength - 1));
    }

    @Override
    public String toString() {
        return "CbcHmacIkeCipher[ENCR_AES_CBC, " + key.getEncoded().length * 8 + "-bit key, " + integrity + "]";
    }
}
