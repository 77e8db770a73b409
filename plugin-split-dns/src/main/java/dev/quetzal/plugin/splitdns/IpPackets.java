package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * Where the transport header of an IPv4 (RFC 791) or IPv6 (RFC 8200) packet starts and where its IP
 * payload ends, without allocating. IPv6 extension headers are not walked: DNS does not use them.
 */
final class IpPackets {
    private IpPackets() {}

    /**
     * The offset of the transport header when the packet is an unfragmented one of {@code protocol}
     * with at least {@code minHeader} bytes after the IP header; otherwise -1.
     */
    static int transportOffset(PacketBuffer packet, int protocol, int minHeader) {
        int version = packet.ipVersion();
        int transport;
        if (version == 4 && Ipv4Header.isWellFormed(packet)) {
            if (Ipv4Header.protocol(packet) != protocol || Ipv4Header.moreFragments(packet)
                    || Ipv4Header.fragmentOffset(packet) != 0) {
                return -1;
            }
            transport = Ipv4Header.headerLength(packet);
        } else if (version == 6 && Ipv6Header.isWellFormed(packet)) {
            if (Ipv6Header.nextHeader(packet) != protocol) {
                return -1;
            }
            transport = Ipv6Header.LENGTH;
        } else {
            return -1;
        }
        return end(packet) - transport >= minHeader ? transport : -1;
    }

    /** The end of the IP payload: bytes past it (link padding) are not part of the packet. */
    static int end(PacketBuffer packet) {
        return packet.ipVersion() == 4
                ? Ipv4Header.totalLength(packet)
                : Ipv6Header.LENGTH + Ipv6Header.payloadLength(packet);
    }

    /** Swaps source and destination address in place, for an answer to the packet's sender. */
    static void swapAddresses(PacketBuffer packet) {
        boolean v4 = packet.ipVersion() == 4;
        int source = v4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET;
        int size = v4 ? 4 : 16;
        for (int i = 0; i < size; i++) {
            int a = packet.getUnsignedByte(source + i);
            packet.putByte(source + i, packet.getUnsignedByte(source + size + i));
            packet.putByte(source + size + i, a);
        }
    }

    /**
     * Cuts the packet to {@code length} bytes and sets its IP length and a fresh TTL or hop limit;
     * the IPv4 header checksum follows with {@link Ipv4Header#updateChecksum} once the header is final.
     */
    static void resize(PacketBuffer packet, int length, int ttl) {
        packet.setLength(length);
        if (packet.ipVersion() == 4) {
            packet.putShort(Ipv4Header.TOTAL_LENGTH_OFFSET, length);
            packet.putByte(Ipv4Header.TTL_OFFSET, ttl);
        } else {
            packet.putShort(Ipv6Header.PAYLOAD_LENGTH_OFFSET, length - Ipv6Header.LENGTH);
            packet.putByte(Ipv6Header.HOP_LIMIT_OFFSET, ttl);
        }
    }

    /**
     * The transport checksum (RFC 768, RFC 9293 §3.1, RFC 8200 §8.1) over the pseudo-header and the
     * {@code length} bytes at {@code transport}, whose checksum field must be zero.
     */
    static int transportChecksum(PacketBuffer packet, int transport, int length, int protocol) {
        boolean v4 = packet.ipVersion() == 4;
        long sum = length + protocol;
        sum += onesSum(packet, v4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET, v4 ? 8 : 32);
        sum += onesSum(packet, transport, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static long onesSum(PacketBuffer packet, int from, int length) {
        long sum = 0;
        int i = from;
        for (; i + 1 < from + length; i += 2) {
            sum += packet.getUnsignedShort(i);
        }
        if (i < from + length) {
            sum += packet.getUnsignedByte(i) << 8;
        }
        return sum;
    }
}
