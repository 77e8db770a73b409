package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * TCP segments (RFC 9293 §3.1) in IPv4 and IPv6 packets: finding the header and the payload without
 * allocating.
 */
final class TcpSegments {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;
    private static final int DEFAULT_TTL = 64;
    private static final int PROTOCOL_TCP = 6;
    private static final int MIN_HEADER = 20;

    private TcpSegments() {}

    /**
     * The offset of the TCP header, or -1 when the packet is not an unfragmented TCP segment whose
     * header (data offset, §3.1) fits the IP payload.
     */
    static int tcpOffset(PacketBuffer packet) {
        int tcp = IpPackets.transportOffset(packet, PROTOCOL_TCP, MIN_HEADER);
        if (tcp < 0) {
            return -1;
        }
        int headerLength = dataOffset(packet, tcp);
        return headerLength >= MIN_HEADER && headerLength <= IpPackets.end(packet) - tcp ? tcp : -1;
    }

    static int sourcePort(PacketBuffer packet, int tcp) {
        return packet.getUnsignedShort(tcp);
    }

    static int destinationPort(PacketBuffer packet, int tcp) {
        return packet.getUnsignedShort(tcp + 2);
    }

    /** The sequence number of the first payload byte (of the SYN when the SYN flag is set). */
    static int sequence(PacketBuffer packet, int tcp) {
        return packet.getInt(tcp + 4);
    }

    static int flags(PacketBuffer packet, int tcp) {
        return packet.getUnsignedByte(tcp + 13);
    }

    /** The offset of the payload in the packet. */
    static int payloadOffset(PacketBuffer packet, int tcp) {
        return tcp + dataOffset(packet, tcp);
    }

    /** The payload's length: what the IP length leaves after the TCP header (padding beyond it ignored). */
    static int payloadLength(PacketBuffer packet, int tcp) {
        return IpPackets.end(packet) - payloadOffset(packet, tcp);
    }

    /**
     * Turns the segment into a reset to its sender in place (RFC 9293 §3.10.7.1): addresses and ports
     * swapped, no options or payload; the sequence number is the segment's acknowledgment number, or,
     * when it carries none, zero with an acknowledgment of everything the segment occupied.
     */
    static void resetInPlace(PacketBuffer packet, int tcp) {
        int flags = flags(packet, tcp);
        int sourcePort = sourcePort(packet, tcp);
        int occupied = payloadLength(packet, tcp) + ((flags & SYN) != 0 ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0);
        int acknowledged = packet.getInt(tcp + 8);
        int sequence = sequence(packet, tcp);
        IpPackets.swapAddresses(packet);
        packet.putShort(tcp, destinationPort(packet, tcp));
        packet.putShort(tcp + 2, sourcePort);
        boolean hasAck = (flags & ACK) != 0;
        packet.putInt(tcp + 4, hasAck ? acknowledged : 0);
        packet.putInt(tcp + 8, hasAck ? 0 : sequence + occupied);
        packet.putByte(tcp + 12, (MIN_HEADER / 4) << 4);
        packet.putByte(tcp + 13, hasAck ? RST : RST | ACK);
        packet.putInt(tcp + 14, 0); // window and checksum
        packet.putShort(tcp + 18, 0); // urgent pointer
        IpPackets.resize(packet, tcp + MIN_HEADER, DEFAULT_TTL);
        packet.putShort(tcp + 16, IpPackets.transportChecksum(packet, tcp, MIN_HEADER, PROTOCOL_TCP));
        if (packet.ipVersion() == 4) {
            Ipv4Header.updateChecksum(packet);
        }
    }

    private static int dataOffset(PacketBuffer packet, int tcp) {
        return (packet.getUnsignedByte(tcp + 12) >>> 4) * 4;
    }
}
