package dev.quetzal.plugin.ikev2.esp;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM-16 (RFC 4106) and ChaCha20-Poly1305 (RFC 7634) for ESP. Nonce = 4-byte salt | 8-byte explicit
 * IV (RFC 4106 §4, RFC 7634 §2); AAD = SPI | sequence, or SPI | high 32 bits | low 32 bits with ESN
 * (RFC 4106 §5, RFC 7634 §2.1). The explicit IV on send is the sequence number, unique per key as
 * RFC 4106 §3.1 requires.
 */
final class AeadEspCipher implements EspCipher {
    private static final int TAG_BITS = 128;
    private static final int TAG_LENGTH = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final boolean gcm;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[12];
    /** ChaCha20-Poly1305 output: SunJCE copies an overlapping input into a new array per call. Grows rarely. */
    private byte[] scratch = new byte[2048];

    AeadEspCipher(EspEncryption encryption, byte[] keyAndSalt) {
        gcm = encryption == EspEncryption.AES_GCM_16;
        int keyLength = keyAndSalt.length - encryption.saltLength();
        key = new SecretKeySpec(keyAndSalt, 0, keyLength, gcm ? "AES" : "ChaCha20");
        System.arraycopy(keyAndSalt, keyLength, nonce, 0, 4);
        Arrays.fill(keyAndSalt, (byte) 0);
        try {
            cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305", "SunJCE");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunJCE lacks " + encryption + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void seal(byte[] array, int esp, int textLength, long sequence, boolean esn) {
        int iv = esp + EspSa.SPI_AND_SEQUENCE;
        EspCipher.putLong(array, iv, sequence);
        System.arraycopy(array, iv, nonce, 4, 8);
        int text = iv + 8;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec());
            cipher.updateAAD(aad, 0, aad(array, esp, sequence, esn));
            if (gcm) {
                // SunJCE GCM encrypts in place without copying when input and output start together.
                cipher.doFinal(array, text, textLength, array, text);
            } else {
                // SunJCE ChaCha20-Poly1305 copies an overlapping input into a new array: use our own.
                byte[] out = scratch(textLength + TAG_LENGTH);
                int n = cipher.doFinal(array, text, textLength, out, 0);
                System.arraycopy(out, 0, array, text, n);
            }
        } catch (GeneralSecurityException e) {
            // The sizes were checked by the caller and the nonce never repeats, so this is a bug, not input.
            throw new IllegalStateException("ESP encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean open(byte[] array, int esp, int textLength, long sequence, boolean esn) {
        int iv = esp + EspSa.SPI_AND_SEQUENCE;
        System.arraycopy(array, iv, nonce, 4, 8);
        int text = iv + 8;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec());
            cipher.updateAAD(aad, 0, aad(array, esp, sequence, esn));
            if (gcm) {
                // SunJCE GCM decrypts in place without a copy and writes nothing before the tag verified.
                cipher.doFinal(array, text, textLength + TAG_LENGTH, array, text);
            } else {
                byte[] out = scratch(textLength);
                int n = cipher.doFinal(array, text, textLength + TAG_LENGTH, out, 0);
                System.arraycopy(out, 0, array, text, n);
            }
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        return scratch;
    }

    private AlgorithmParameterSpec spec() {
        // JCE takes the nonce only through an immutable spec: the one allocation left per packet.
        return gcm ? new GCMParameterSpec(TAG_BITS, nonce) : new IvParameterSpec(nonce);
    }

    private int aad(byte[] array, int esp, long sequence, boolean esn) {
        System.arraycopy(array, esp, aad, 0, 4);
        if (!esn) {
            System.arraycopy(array, esp + 4, aad, 4, 4);
            return 8;
        }
        EspCipher.putLong(aad, 4, sequence);
        return 12;
    }
}
