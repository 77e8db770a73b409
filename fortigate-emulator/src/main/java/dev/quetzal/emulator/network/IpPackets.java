package dev.quetzal.emulator.network;

/**
 * Reading and writing IPv4 (RFC 791), IPv6 (RFC 8200), UDP (RFC 768), TCP (RFC 9293), ICMP (RFC 792)
 * and ICMPv6 (RFC 4443) fields in plain arrays, with RFC 1071 checksums. Static and allocation-free.
 */
public final class IpPackets {
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int UDP_HEADER = 8;
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_ICMPV6 = 58;

    private IpPackets() {}

    public static int getShort(byte[] a, int at) {
        return ((a[at] & 0xFF) << 8) | (a[at + 1] & 0xFF);
    }

    public static int getInt(byte[] a, int at) {
        return (a[at] << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }

    public static long getLong(byte[] a, int at) {
        return ((long) getInt(a, at) << 32) | (getInt(a, at + 4) & 0xFFFFFFFFL);
    }

    public static void putShort(byte[] a, int at, int value) {
        a[at] = (byte) (value >>> 8);
        a[at + 1] = (byte) value;
    }

    public static void putInt(byte[] a, int at, int value) {
        a[at] = (byte) (value >>> 24);
        a[at + 1] = (byte) (value >>> 16);
        a[at + 2] = (byte) (value >>> 8);
        a[at + 3] = (byte) value;
    }

    public static void putLong(byte[] a, int at, long value) {
        putInt(a, at, (int) (value >>> 32));
        putInt(a, at + 4, (int) value);
    }

    /** The one's-complement sum of {@code a[offset, offset + length)} added to {@code sum}, not folded. */
    public static long sum(byte[] a, int offset, int length, long sum) {
        int end = offset + length - 1;
        int i = offset;
        for (; i < end; i += 2) {
            sum += ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
        }
        if (i == end) {
            sum += (a[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds a sum to 16 bits and complements it (RFC 1071). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Writes a 20-byte IPv4 header with its checksum (no options, DF clear). */
    public static void writeIpv4Header(
            byte[] a, int at, int totalLength, int protocol, int source, int destination, int identification, int ttl) {
        a[at] = 0x45;
        a[at + 1] = 0;
        putShort(a, at + 2, totalLength);
        putShort(a, at + 4, identification);
        putShort(a, at + 6, 0);
        a[at + 8] = (byte) ttl;
        a[at + 9] = (byte) protocol;
        putShort(a, at + 10, 0);
        putInt(a, at + 12, source);
        putInt(a, at + 16, destination);
        putShort(a, at + 10, fold(sum(a, at, IPV4_HEADER, 0)));
    }

    /** Writes a 40-byte IPv6 header. */
    public static void writeIpv6Header(byte[] a, int at, int payloadLength, int nextHeader, long sourceHigh,
            long sourceLow, long destinationHigh, long destinationLow, int hopLimit) {
        putInt(a, at, 0x60000000);
        putShort(a, at + 4, payloadLength);
        a[at + 6] = (byte) nextHeader;
        a[at + 7] = (byte) hopLimit;
        putLong(a, at + 8, sourceHigh);
        putLong(a, at + 16, sourceLow);
        putLong(a, at + 24, destinationHigh);
        putLong(a, at + 32, destinationLow);
    }

    /**
     * The UDP, TCP or ICMPv6 checksum over the pseudo-header (RFC 768 for IPv4, RFC 8200 §8.1 for
     * IPv6) and the transport segment at {@code a[l4, l4 + l4Length)}, whose checksum field must be 0.
     */
    public static int transportChecksum(byte[] a, int ip, int l4, int l4Length, int protocol) {
        long sum;
        if ((a[ip] & 0xF0) == 0x40) {
            sum = sum(a, ip + 12, 8, 0);
        } else {
            sum = sum(a, ip + 8, 32, 0);
        }
        sum += protocol + l4Length;
        return fold(sum(a, l4, l4Length, sum));
    }

    /** Whether an ICMP (IPv4) checksum over {@code a[l4, l4 + length)} verifies. */
    public static boolean icmpChecksumOk(byte[] a, int l4, int length) {
        return fold(sum(a, l4, length, 0)) == 0;
    }
}
