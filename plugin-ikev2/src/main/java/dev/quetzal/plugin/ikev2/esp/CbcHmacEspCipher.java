package dev.quetzal.plugin.ikev2.esp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC (RFC 3602) with HMAC-SHA-2 truncated (RFC 4868), encrypt-then-MAC over SPI | sequence | IV |
 * ciphertext, plus the high 32 sequence bits after the ciphertext with ESN (RFC 4303 §2.2.1, §3.3.2).
 *
 * <p>The CBC ciphers are initialised once with a zero IV and never re-initialised: JCE resets them to that
 * IV after each {@code doFinal}, and XORing the real IV into the first plaintext block (send) or the first
 * decrypted block (receive) gives exactly CBC with that IV. The IV itself is AES_K(sequence | SPI), the
 * "encrypt a unique nonce" method of NIST SP 800-38A Appendix C: unpredictable as RFC 3602 §3 requires,
 * and it needs neither a lock nor a shared random source per packet.
 */
final class CbcHmacEspCipher implements EspCipher {
    private static final int BLOCK = 16;

    private final Cipher encrypt;
    private final Cipher decrypt;
    private final Cipher ivGenerator;
    private final Hmac mac;
    private final int icvLength;
    private final byte[] sequenceHigh = new byte[4];
    /** SunJCE's CBC copies an overlapping input into a new array, so output goes here first; grows rarely. */
    private byte[] scratch = new byte[2048];

    CbcHmacEspCipher(EspIntegrity integrity, byte[] encryptionKey, byte[] integrityKey) {
        SecretKeySpec key = new SecretKeySpec(encryptionKey, "AES");
        IvParameterSpec zero = new IvParameterSpec(new byte[BLOCK]);
        try {
            encrypt = Cipher.getInstance("AES/CBC/NoPadding", "SunJCE");
            encrypt.init(Cipher.ENCRYPT_MODE, key, zero);
            decrypt = Cipher.getInstance("AES/CBC/NoPadding", "SunJCE");
            decrypt.init(Cipher.DECRYPT_MODE, key, zero);
            ivGenerator = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
            ivGenerator.init(Cipher.ENCRYPT_MODE, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunJCE lacks AES-CBC: " + e.getMessage(), e);
        }
        mac = new Hmac(integrity, integrityKey);
        icvLength = integrity.icvLength();
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(integrityKey, (byte) 0);
    }

    @Override
    public void seal(byte[] array, int esp, int textLength, long sequence, boolean esn) {
        int iv = esp + EspSa.SPI_AND_SEQUENCE;
        int text = iv + BLOCK;
        EspCipher.putLong(array, iv, sequence);
        System.arraycopy(array, esp, array, iv + 8, 4);
        EspCipher.putInt(array, iv + 12, 0);
        try {
            ivGenerator.doFinal(array, iv, BLOCK, array, iv);
            xorBlock(array, text, iv);
            byte[] out = scratch(textLength);
            encrypt.doFinal(array, text, textLength, out, 0);
            System.arraycopy(out, 0, array, text, textLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ESP encryption failed: " + e.getMessage(), e);
        }
        byte[] icv = icv(array, esp, text + textLength, sequence, esn);
        System.arraycopy(icv, 0, array, text + textLength, icvLength);
    }

    @Override
    public boolean open(byte[] array, int esp, int textLength, long sequence, boolean esn) {
        int iv = esp + EspSa.SPI_AND_SEQUENCE;
        int text = iv + BLOCK;
        int end = text + textLength;
        byte[] icv = icv(array, esp, end, sequence, esn);
        int difference = 0;
        for (int i = 0; i < icvLength; i++) {
            difference |= icv[i] ^ array[end + i];
        }
        if (difference != 0) {
            return false;
        }
        try {
            byte[] out = scratch(textLength);
            decrypt.doFinal(array, text, textLength, out, 0);
            System.arraycopy(out, 0, array, text, textLength);
        } catch (GeneralSecurityException e) {
            return false;
        }
        xorBlock(array, text, iv);
        return true;
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        return scratch;
    }

    private byte[] icv(byte[] array, int esp, int end, long sequence, boolean esn) {
        mac.start();
        mac.update(array, esp, end - esp);
        if (esn) {
            EspCipher.putInt(sequenceHigh, 0, (int) (sequence >>> 32));
            mac.update(sequenceHigh, 0, 4);
        }
        return mac.finish();
    }

    private static void xorBlock(byte[] array, int target, int source) {
        for (int i = 0; i < BLOCK; i++) {
            array[target + i] ^= array[source + i];
        }
    }
}
