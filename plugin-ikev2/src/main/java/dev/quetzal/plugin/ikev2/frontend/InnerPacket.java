package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;

/** Reads what selectors and anti-spoofing need from a decrypted inner IPv4/IPv6 packet, allocation-free. */
final class InnerPacket {
    /** No port could be read (not a port-carrying protocol, a later fragment, or truncated). */
    static final int NO_PORT = -1;

    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;
    private static final int SCTP = 132;
    private static final int UDP_LITE = 136;

    private InnerPacket() {}

    /** The source or destination port (ICMP: type × 256 + code, RFC 4301 §4.4.1.3), or {@link #NO_PORT}. */
    static int ipv4Port(PacketBuffer packet, int protocol, boolean source) {
        int headerLength = (packet.getUnsignedByte(0) & 0x0F) * 4;
        // Only the first fragment carries the transport header (RFC 791 §3.2).
        if ((packet.getUnsignedShort(6) & 0x1FFF) != 0) {
            return NO_PORT;
        }
        return port(packet, headerLength, protocol, source, ICMP);
    }

    /** The same for IPv6; extension headers are not walked, so only a transport header right after the fixed one counts. */
    static int ipv6Port(PacketBuffer packet, int nextHeader, boolean source) {
        return port(packet, 40, nextHeader, source, ICMPV6);
    }

    private static int port(PacketBuffer packet, int at, int protocol, boolean source, int icmp) {
        if (at < 20 || packet.length() < at + 4) {
            return NO_PORT;
        }
        if (protocol == icmp) {
            return packet.getUnsignedShort(at);
        }
        if (protocol == TCP || protocol == UDP || protocol == SCTP || protocol == UDP_LITE) {
            return packet.getUnsignedShort(source ? at : at + 2);
        }
        return NO_PORT;
    }

    /** True when the IPv4 source is one of {@code addresses}. */
    static boolean ipv4SourceIn(PacketBuffer packet, int[] addresses) {
        int source = packet.getInt(12);
        for (int a : addresses) {
            if (a == source) {
                return true;
            }
        }
        return false;
    }

    /** True when the IPv6 source is one of {@code addresses} (high, low pairs). */
    static boolean ipv6SourceIn(PacketBuffer packet, long[] addresses) {
        long high = packet.getLong(8);
        long low = packet.getLong(16);
        for (int i = 0; i < addresses.length; i += 2) {
            if (addresses[i] == high && addresses[i + 1] == low) {
                return true;
            }
        }
        return false;
    }
}
