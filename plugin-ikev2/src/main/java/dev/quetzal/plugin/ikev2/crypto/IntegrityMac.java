package dev.quetzal.plugin.ikev2.crypto;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * A keyed INTEG transform: HMAC-SHA2 truncated to half its output (RFC 4868 §2.1.2). Owned by one thread; it reuses
 * its Mac and a scratch buffer, so computing and verifying allocate nothing (usable on the ESP data path too).
 */
public final class IntegrityMac {
    private final IntegrityAlgorithm algorithm;
    private final Mac mac;
    private final byte[] full;
    private final byte[] expected;

    private IntegrityMac(IntegrityAlgorithm algorithm, Mac mac) {
        this.algorithm = algorithm;
        this.mac = mac;
        this.full = new byte[mac.getMacLength()];
        this.expected = new byte[algorithm.icvLength()];
    }

    /** A MAC keyed with {@code key}, which must be {@link IntegrityAlgorithm#keyLength()} octets. */
    public static IntegrityMac of(IntegrityAlgorithm algorithm, byte[] key) {
        if (algorithm.equals(IntegrityAlgorithm.NONE) || !algorithm.isSupported()) {
            throw new IllegalArgumentException(algorithm + " has no MAC");
        }
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " takes a " + algorithm.keyLength() + "-octet key, not "
                    + key.length);
        }
        return new IntegrityMac(algorithm, Prf.newMac(algorithm.macName(), key));
    }

    public IntegrityAlgorithm algorithm() {
        return algorithm;
    }

    public int icvLength() {
        return expected.length;
    }

    /** Writes the truncated ICV of {@code data[offset, offset+length)} to {@code out[outOffset...]}. */
    public void compute(byte[] data, int offset, int length, byte[] out, int outOffset) {
        mac.update(data, offset, length);
        try {
            mac.doFinal(full, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("scratch buffer sized from the Mac itself", e);
        }
        System.arraycopy(full, 0, out, outOffset, expected.length);
    }

    /** Whether {@code icv[icvOffset...]} is the ICV of the data, compared in constant time. */
    public boolean verify(byte[] data, int offset, int length, byte[] icv, int icvOffset) {
        compute(data, offset, length, expected, 0);
        int diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff |= expected[i] ^ icv[icvOffset + i];
        }
        return diff == 0;
    }

    @Override
    public String toString() {
        return "IntegrityMac[" + algorithm + "]";
    }
}
