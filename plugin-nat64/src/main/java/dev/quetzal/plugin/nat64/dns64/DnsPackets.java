package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * IPv4/IPv6 with UDP or TCP around DNS messages: finding the transport header without allocating,
 * and writing the packets DNS64 makes. Only unfragmented packets whose transport header follows the
 * IP header directly are DNS64's; anything else passes untouched.
 */
final class DnsPackets {
    static final int DNS_PORT = 53;
    static final int UDP = 17;
    static final int TCP = 6;
    static final int UDP_HEADER = 8;
    private static final int HOP_LIMIT = 64;

    private DnsPackets() {}

    /** Offset of the UDP or TCP header, or -1 when the packet is not unfragmented {@code protocol} over IPv4/IPv6. */
    static int transportOffset(PacketBuffer packet, int protocol) {
        int version = packet.ipVersion();
        if (version == 6) {
            if (!Ipv6Header.isWellFormed(packet) || Ipv6Header.nextHeader(packet) != protocol) {
                return -1;
            }
            return Ipv6Header.LENGTH + minimum(protocol) <= ipLength(packet) ? Ipv6Header.LENGTH : -1;
        }
        if (version == 4) {
            if (!Ipv4Header.isWellFormed(packet) || Ipv4Header.protocol(packet) != protocol
                    || Ipv4Header.moreFragments(packet) || Ipv4Header.fragmentOffset(packet) != 0) {
                return -1;
            }
            int header = Ipv4Header.headerLength(packet);
            return header + minimum(protocol) <= ipLength(packet) ? header : -1;
        }
        return -1;
    }

    private static int minimum(int protocol) {
        return protocol == TCP ? 20 : UDP_HEADER;
    }

    /** The IP packet's length from its header (the buffer may hold padding after it). */
    static int ipLength(PacketBuffer packet) {
        return packet.ipVersion() == 6 ? Ipv6Header.LENGTH + Ipv6Header.payloadLength(packet) : Ipv4Header.totalLength(packet);
    }

    static int sourcePort(PacketBuffer packet, int transport) {
        return packet.getUnsignedShort(transport);
    }

    static int destinationPort(PacketBuffer packet, int transport) {
        return packet.getUnsignedShort(transport + 2);
    }

    static IpAddress source(PacketBuffer packet) {
        return packet.ipVersion() == 6
                ? new Ipv6Address(Ipv6Header.sourceHigh(packet), Ipv6Header.sourceLow(packet))
                : new Ipv4Address(Ipv4Header.source(packet));
    }

    static IpAddress destination(PacketBuffer packet) {
        return packet.ipVersion() == 6
                ? new Ipv6Address(Ipv6Header.destinationHigh(packet), Ipv6Header.destinationLow(packet))
                : new Ipv4Address(Ipv4Header.destination(packet));
    }

    static int ipHeaderLength(IpAddress address) {
        return address instanceof Ipv6Address ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
    }

    /** Room for a UDP payload in {@code packet}'s buffer. */
    static int udpRoom(PacketBuffer packet, IpAddress family) {
        return packet.array().length - packet.arrayOffset() - ipHeaderLength(family) - UDP_HEADER;
    }

    /**
     * Replaces {@code packet}'s content with an IP/UDP packet (the buffer keeps its start).
     *
     * @throws IndexOutOfBoundsException when it does not fit (callers size the payload with {@link #udpRoom})
     */
    static void writeUdp(PacketBuffer packet, IpAddress source, int sourcePort, IpAddress destination,
            int destinationPort, byte[] payload) {
        int ip = ipHeaderLength(source);
        int udpLength = UDP_HEADER + payload.length;
        packet.setLength(ip + udpLength);
        writeIpHeader(packet, source, destination, UDP, udpLength);
        packet.putShort(ip, sourcePort);
        packet.putShort(ip + 2, destinationPort);
        packet.putShort(ip + 4, udpLength);
        packet.putShort(ip + 6, 0);
        System.arraycopy(payload, 0, packet.array(), packet.arrayOffset() + ip + UDP_HEADER, payload.length);
        int checksum = transportChecksum(packet, ip, udpLength, UDP);
        packet.putShort(ip + 6, checksum == 0 ? 0xFFFF : checksum);
    }

    static void writeIpHeader(PacketBuffer packet, IpAddress source, IpAddress destination, int protocol, int payloadLength) {
        if (source instanceof Ipv6Address s6 && destination instanceof Ipv6Address d6) {
            packet.putInt(0, 0x60000000);
            packet.putShort(Ipv6Header.PAYLOAD_LENGTH_OFFSET, payloadLength);
            packet.putByte(Ipv6Header.NEXT_HEADER_OFFSET, protocol);
            packet.putByte(Ipv6Header.HOP_LIMIT_OFFSET, HOP_LIMIT);
            Ipv6Header.setSource(packet, s6.high(), s6.low());
            Ipv6Header.setDestination(packet, d6.high(), d6.low());
        } else if (source instanceof Ipv4Address s4 && destination instanceof Ipv4Address d4) {
            packet.putInt(0, 0x45000000 | (Ipv4Header.MIN_LENGTH + payloadLength));
            packet.putInt(Ipv4Header.IDENTIFICATION_OFFSET, 0x4000); // ID 0 with DF (RFC 6864 §4.1)
            packet.putByte(Ipv4Header.TTL_OFFSET, HOP_LIMIT);
            packet.putByte(Ipv4Header.PROTOCOL_OFFSET, protocol);
            packet.putShort(Ipv4Header.CHECKSUM_OFFSET, 0);
            Ipv4Header.setSource(packet, s4.bits());
            Ipv4Header.setDestination(packet, d4.bits());
            Ipv4Header.updateChecksum(packet);
        } else {
            throw new IllegalArgumentException("source and destination of different families: " + source + ", " + destination);
        }
    }

    /** The UDP/TCP checksum (RFC 768, RFC 793 §3.1, RFC 8200 §8.1) with the checksum field counted as it is. */
    static int transportChecksum(PacketBuffer packet, int transport, int length, int protocol) {
        long sum = protocol + length;
        int addresses = packet.ipVersion() == 6 ? Ipv6Header.SOURCE_OFFSET : Ipv4Header.SOURCE_OFFSET;
        int addressBytes = packet.ipVersion() == 6 ? 32 : 8;
        for (int i = 0; i < addressBytes; i += 2) {
            sum += packet.getUnsignedShort(addresses + i);
        }
        byte[] array = packet.array();
        int from = packet.arrayOffset() + transport;
        int end = from + length;
        int i = from;
        for (; i + 1 < end; i += 2) {
            sum += ((array[i] & 0xFF) << 8) | (array[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (array[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
