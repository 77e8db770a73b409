package dev.quetzal.runtime.napt;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * Writes a new address or port into a packet and fixes every checksum that covers it (RFC 1624):
 * the IPv4 header checksum, the transport checksum when its pseudo-header (RFC 9293 §3.1, RFC 768,
 * RFC 8200 §8.1) includes the address, and for a packet embedded in an ICMP error the outer ICMP
 * checksum, which covers the embedded bytes themselves.
 */
final class Rewrites {
    /** No checksum at this position (cut off in an ICMP error, or none for the field). */
    static final int NONE = -1;

    private Rewrites() {}

    /**
     * Replaces the IPv4 address at {@code at} of the header starting at {@code ip}, fixing the
     * header checksum and, when {@code transportChecksum} is not {@link #NONE}, the transport
     * checksum. With {@code outerChecksum} not NONE, the bytes are inside an ICMP error and the outer
     * ICMP checksum is fixed for each changed word.
     */
    static void address4(PacketBuffer packet, int ip, int at, int now, int transportChecksum, boolean udp,
            int outerChecksum) {
        int old = packet.getInt(at);
        packet.putInt(at, now);
        int headerChecksum = ip + 10;
        int oldHeader = packet.getUnsignedShort(headerChecksum);
        Checksums.update32(packet, headerChecksum, old, now, false);
        if (outerChecksum != NONE) {
            Checksums.update32(packet, outerChecksum, old, now, false);
            Checksums.update16(packet, outerChecksum, oldHeader, packet.getUnsignedShort(headerChecksum), false);
        }
        if (transportChecksum != NONE) {
            int oldTransport = packet.getUnsignedShort(transportChecksum);
            Checksums.update32(packet, transportChecksum, old, now, udp);
            if (outerChecksum != NONE) {
                Checksums.update16(packet, outerChecksum, oldTransport, packet.getUnsignedShort(transportChecksum),
                        false);
            }
        }
    }

    /** As {@link #address4} for an IPv6 address (no header checksum; ICMPv6 has a pseudo-header). */
    static void address6(PacketBuffer packet, int at, long high, long low, int transportChecksum, boolean udp,
            int outerChecksum) {
        long oldHigh = packet.getLong(at);
        long oldLow = packet.getLong(at + 8);
        packet.putLong(at, high);
        packet.putLong(at + 8, low);
        if (outerChecksum != NONE) {
            Checksums.update128(packet, outerChecksum, oldHigh, oldLow, high, low, false);
        }
        if (transportChecksum != NONE) {
            int oldTransport = packet.getUnsignedShort(transportChecksum);
            Checksums.update128(packet, transportChecksum, oldHigh, oldLow, high, low, udp);
            if (outerChecksum != NONE) {
                Checksums.update16(packet, outerChecksum, oldTransport, packet.getUnsignedShort(transportChecksum),
                        false);
            }
        }
    }

    /** Replaces the port or ICMP identifier at {@code at}, fixing the checksums that cover it. */
    static void port(PacketBuffer packet, int at, int now, int transportChecksum, boolean udp, int outerChecksum) {
        int old = packet.getUnsignedShort(at);
        if (old == now) {
            return;
        }
        packet.putShort(at, now);
        if (outerChecksum != NONE) {
            Checksums.update16(packet, outerChecksum, old, now, false);
        }
        if (transportChecksum != NONE) {
            int oldTransport = packet.getUnsignedShort(transportChecksum);
            Checksums.update16(packet, transportChecksum, old, now, udp);
            if (outerChecksum != NONE) {
                Checksums.update16(packet, outerChecksum, oldTransport, packet.getUnsignedShort(transportChecksum),
                        false);
            }
        }
    }
}
