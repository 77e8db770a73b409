package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * UDP datagrams in IPv4 (RFC 791, RFC 768) and IPv6 (RFC 8200, checksum per §8.1) packets: finding
 * the UDP header without allocating, building new datagrams and turning one around into an answer.
 */
final class UdpPackets {
    static final int UDP_HEADER = 8;
    private static final int PROTOCOL_UDP = 17;
    private static final int DEFAULT_TTL = 64;

    private UdpPackets() {}

    /**
     * The offset of the UDP header, or -1 when the packet is not an unfragmented UDP datagram whose
     * UDP length fits the IP payload. IPv6 extension headers are not walked: DNS does not use them.
     */
    static int udpOffset(PacketBuffer packet) {
        int udp = IpPackets.transportOffset(packet, PROTOCOL_UDP, UDP_HEADER);
        if (udp < 0) {
            return -1;
        }
        int udpLength = packet.getUnsignedShort(udp + 4);
        return udpLength >= UDP_HEADER && udpLength <= IpPackets.end(packet) - udp ? udp : -1;
    }

    static int sourcePort(PacketBuffer packet, int udp) {
        return packet.getUnsignedShort(udp);
    }

    static int destinationPort(PacketBuffer packet, int udp) {
        return packet.getUnsignedShort(udp + 2);
    }

    /** The length of the UDP payload. */
    static int payloadLength(PacketBuffer packet, int udp) {
        return packet.getUnsignedShort(udp + 4) - UDP_HEADER;
    }

    static IpAddress sourceAddress(PacketBuffer packet) {
        return packet.ipVersion() == 4
                ? new Ipv4Address(Ipv4Header.source(packet))
                : new Ipv6Address(Ipv6Header.sourceHigh(packet), Ipv6Header.sourceLow(packet));
    }

    static IpAddress destinationAddress(PacketBuffer packet) {
        return packet.ipVersion() == 4
                ? new Ipv4Address(Ipv4Header.destination(packet))
                : new Ipv6Address(Ipv6Header.destinationHigh(packet), Ipv6Header.destinationLow(packet));
    }

    /** Writes a whole IP/UDP packet into the empty {@code into}; false when it does not fit. */
    static boolean write(PacketBuffer into, IpAddress source, int sourcePort, IpAddress destination,
            int destinationPort, byte[] payload) {
        boolean v4 = source.family() == IpFamily.IPV4;
        int ipHeader = v4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH;
        int total = ipHeader + UDP_HEADER + payload.length;
        if (total > into.tailroom() || total > 0xFFFF) {
            return false;
        }
        into.append(total);
        for (int i = 0; i < ipHeader; i++) {
            into.putByte(i, 0);
        }
        if (v4) {
            into.putByte(0, 0x45);
            into.putShort(Ipv4Header.TOTAL_LENGTH_OFFSET, total);
            into.putByte(Ipv4Header.TTL_OFFSET, DEFAULT_TTL);
            into.putByte(Ipv4Header.PROTOCOL_OFFSET, PROTOCOL_UDP);
        } else {
            into.putByte(0, 0x60);
            into.putShort(Ipv6Header.PAYLOAD_LENGTH_OFFSET, UDP_HEADER + payload.length);
            into.putByte(Ipv6Header.NEXT_HEADER_OFFSET, PROTOCOL_UDP);
            into.putByte(Ipv6Header.HOP_LIMIT_OFFSET, DEFAULT_TTL);
        }
        setAddresses(into, source, destination);
        into.putShort(ipHeader, sourcePort);
        into.putShort(ipHeader + 2, destinationPort);
        System.arraycopy(payload, 0, into.array(), into.arrayOffset() + ipHeader + UDP_HEADER, payload.length);
        finish(into, ipHeader, payload.length);
        return true;
    }

    /**
     * Turns a datagram into an answer to its sender in place: addresses and ports swapped, the UDP
     * payload cut to {@code payloadLength} bytes (which the caller has already written).
     */
    static void turnAround(PacketBuffer packet, int udp, int payloadLength) {
        int sourcePort = sourcePort(packet, udp);
        IpPackets.swapAddresses(packet);
        packet.putShort(udp, destinationPort(packet, udp));
        packet.putShort(udp + 2, sourcePort);
        IpPackets.resize(packet, udp + UDP_HEADER + payloadLength, DEFAULT_TTL);
        finish(packet, udp, payloadLength);
    }

    private static void setAddresses(PacketBuffer packet, IpAddress source, IpAddress destination) {
        switch (source) {
            case Ipv4Address s -> {
                Ipv4Header.setSource(packet, s.bits());
                Ipv4Header.setDestination(packet, ((Ipv4Address) destination).bits());
            }
            case Ipv6Address s -> {
                Ipv6Address d = (Ipv6Address) destination;
                packet.putLong(Ipv6Header.SOURCE_OFFSET, s.high());
                packet.putLong(Ipv6Header.SOURCE_OFFSET + 8, s.low());
                packet.putLong(Ipv6Header.DESTINATION_OFFSET, d.high());
                packet.putLong(Ipv6Header.DESTINATION_OFFSET + 8, d.low());
            }
        }
    }

    /** Sets the UDP length and checksum (RFC 768 pseudo-header) and, for IPv4, the header checksum. */
    private static void finish(PacketBuffer packet, int udp, int payloadLength) {
        int udpLength = UDP_HEADER + payloadLength;
        packet.putShort(udp + 4, udpLength);
        packet.putShort(udp + 6, 0);
        int checksum = IpPackets.transportChecksum(packet, udp, udpLength, PROTOCOL_UDP);
        packet.putShort(udp + 6, checksum == 0 ? 0xFFFF : checksum); // RFC 768: zero means "no checksum"
        if (packet.ipVersion() == 4) {
            Ipv4Header.updateChecksum(packet);
        }
    }
}
