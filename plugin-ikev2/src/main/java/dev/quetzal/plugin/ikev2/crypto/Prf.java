package dev.quetzal.plugin.ikev2.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The negotiated PRF (HMAC-SHA2, RFC 4868 §2.1) and prf+ (RFC 7296 §2.13). Control plane only: each call takes its
 * own {@link Mac}, so one instance may be shared between threads.
 */
public final class Prf {
    /** prf+ appends a one-octet counter 0x01..0xFF, so at most 255 blocks exist (RFC 7296 §2.13). */
    static final int MAX_BLOCKS = 255;

    private final PrfAlgorithm algorithm;

    private Prf(PrfAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public static Prf of(PrfAlgorithm algorithm) {
        if (!algorithm.isSupported()) {
            throw new IllegalArgumentException(algorithm + " is not implemented");
        }
        return new Prf(algorithm);
    }

    public PrfAlgorithm algorithm() {
        return algorithm;
    }

    /** prf(key, data[0] | data[1] | ...). */
    public byte[] compute(byte[] key, byte[]... data) {
        Mac mac = newMac(algorithm.macName(), key);
        for (byte[] part : data) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * prf+(key, seed) = T1 | T2 | ... truncated to {@code length}, where T1 = prf(K, S | 0x01) and
     * Tn = prf(K, Tn-1 | S | n). The seed is the concatenation of {@code seedParts}.
     */
    public byte[] prfPlus(byte[] key, int length, byte[]... seedParts) {
        int blockLength = algorithm.outputLength();
        if (length < 0 || length > MAX_BLOCKS * blockLength) {
            throw new IllegalArgumentException("prf+ of " + algorithm + " cannot produce " + length + " octets");
        }
        Mac mac = newMac(algorithm.macName(), key);
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(previous);
            for (byte[] part : seedParts) {
                mac.update(part);
            }
            mac.update((byte) counter);
            previous = mac.doFinal();
            int n = Math.min(blockLength, length - written);
            System.arraycopy(previous, 0, out, written, n);
            written += n;
        }
        return out;
    }

    static Mac newMac(String name, byte[] key) {
        if (key.length == 0) {
            // SecretKeySpec refuses empty keys; IKE never derives with one (nonces are at least 16 octets).
            throw new IllegalArgumentException(name + " key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(key, name));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(name + " refused its key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Prf[" + algorithm + "]";
    }
}
