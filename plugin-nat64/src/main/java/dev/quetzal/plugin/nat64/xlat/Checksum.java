package dev.quetzal.plugin.nat64.xlat;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624), on byte arrays.
 *
 * <p>Sums are kept as plain {@code int} accumulators and folded to 16 bits only at the end, so a
 * caller can add several ranges before folding.
 */
public final class Checksum {
    private Checksum() {}

    /** Adds the 16-bit big-endian words of {@code a[from, from + length)} (an odd last byte is padded). */
    public static int add(int sum, byte[] a, int from, int length) {
        long s = sum & 0xFFFFFFFFL;
        int i = from;
        int end = from + length;
        // Eight bytes at a time keeps the loop short; the long accumulator cannot overflow for 64 KiB.
        for (; i + 8 <= end; i += 8) {
            s += ((a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF))
                    + ((a[i + 2] & 0xFF) << 8 | (a[i + 3] & 0xFF))
                    + ((a[i + 4] & 0xFF) << 8 | (a[i + 5] & 0xFF))
                    + ((a[i + 6] & 0xFF) << 8 | (a[i + 7] & 0xFF));
        }
        for (; i + 1 < end; i += 2) {
            s += (a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF);
        }
        if (i < end) {
            s += (a[i] & 0xFF) << 8;
        }
        return fold(s);
    }

    /** Folds a wide accumulator to 16 bits (ones' complement end-around carry). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The 16-bit ones' complement sum of a 32-bit value's two halves. */
    public static int add32(int sum, int value) {
        return fold((sum & 0xFFFFFFFFL) + (value >>> 16) + (value & 0xFFFF));
    }

    /** The checksum field value for a folded sum. */
    public static int finish(int sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * RFC 1624 eqn. 3: the checksum {@code hc} after words summing to {@code oldSum} were replaced
     * by words summing to {@code newSum}. A wrong checksum stays wrong by the same amount.
     */
    public static int update(int hc, int oldSum, int newSum) {
        long s = (~hc & 0xFFFF) + (~fold(oldSum) & 0xFFFF) + (long) fold(newSum);
        return ~fold(s) & 0xFFFF;
    }

    /** Reads the big-endian 16-bit word at {@code a[i]}. */
    static int u16(byte[] a, int i) {
        return (a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF);
    }

    /** Writes {@code v} as a big-endian 16-bit word at {@code a[i]}. */
    static void put16(byte[] a, int i, int v) {
        a[i] = (byte) (v >>> 8);
        a[i + 1] = (byte) v;
    }

    /** Reads the big-endian 32-bit word at {@code a[i]}. */
    static int u32(byte[] a, int i) {
        return (a[i] & 0xFF) << 24 | (a[i + 1] & 0xFF) << 16 | (a[i + 2] & 0xFF) << 8 | (a[i + 3] & 0xFF);
    }

    /** Writes {@code v} big-endian at {@code a[i]}. */
    static void put32(byte[] a, int i, int v) {
        a[i] = (byte) (v >>> 24);
        a[i + 1] = (byte) (v >>> 16);
        a[i + 2] = (byte) (v >>> 8);
        a[i + 3] = (byte) v;
    }

    /** The IPv4 header checksum over {@code ihl} bytes at {@code a[at]}, with the field zeroed first. */
    static void ipv4Header(byte[] a, int at, int ihl) {
        a[at + 10] = 0;
        a[at + 11] = 0;
        put16(a, at + 10, finish(add(0, a, at, ihl)));
    }
}
