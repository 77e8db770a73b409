package dev.quetzal.plugin.ikev2.crypto;

import java.math.BigInteger;

/** Fixed-length big-endian encoding of unsigned integers, as KE payloads and g^ir need (RFC 7296 §3.4). */
final class Octets {
    private Octets() {
    }

    /** {@code value} (non-negative, below 2^(8*length)) as exactly {@code length} octets, left-padded with zeros. */
    static byte[] fixedLength(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        if (raw.length > length) {
            // Only BigInteger's leading sign octet can be dropped here.
            System.arraycopy(raw, raw.length - length, out, 0, length);
        } else {
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        }
        return out;
    }
}
