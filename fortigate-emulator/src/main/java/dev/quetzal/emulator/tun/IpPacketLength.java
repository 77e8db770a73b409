package dev.quetzal.emulator.tun;

/**
 * The length an IP packet declares, checked against the bytes a client sent: what may be written
 * to the TUN device, whose kernel side would otherwise drop short packets silently and keep
 * trailing padding.
 */
final class IpPacketLength {
    /** What {@link #of} returns for a packet to drop. */
    static final int MALFORMED = -1;

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    private IpPacketLength() {
    }

    /**
     * The IPv4 total length (RFC 791 §3.1) or IPv6 header plus payload length (RFC 8200 §3) of
     * {@code packet[offset, offset + length)}, at most {@code length}; {@link #MALFORMED} for a
     * version other than 4 or 6, a header shorter than its minimum, a declared length past the
     * bytes given, or bounds outside the array.
     */
    static int of(byte[] packet, int offset, int length) {
        if (offset < 0 || length < 1 || offset > packet.length - length) {
            return MALFORMED;
        }
        int version = (packet[offset] & 0xf0) >>> 4;
        if (version == 4 && length >= IPV4_MIN_HEADER) {
            int headerLength = (packet[offset] & 0x0f) * 4;
            int totalLength = unsignedShort(packet, offset + 2);
            return headerLength >= IPV4_MIN_HEADER && totalLength >= headerLength && totalLength <= length
                    ? totalLength : MALFORMED;
        }
        if (version == 6 && length >= IPV6_HEADER) {
            int totalLength = IPV6_HEADER + unsignedShort(packet, offset + 4);
            return totalLength <= length ? totalLength : MALFORMED;
        }
        return MALFORMED;
    }

    private static int unsignedShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
