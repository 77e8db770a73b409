package dev.quetzal.demo;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.network.IpPackets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The client side's packets: UDP (RFC 768) DNS queries for AAAA records (RFC 3596) and their answers, and ICMPv6
 * echo (RFC 4443 §4), in IPv4 or IPv6 (RFC 8200) packets with their checksums.
 */
final class InnerPackets {
    static final int ICMPV6_ECHO_REQUEST = 128;
    static final int ICMPV6_ECHO_REPLY = 129;
    private static final int DNS_PORT = 53;

    private InnerPackets() {}

    /** A recursive AAAA query for {@code name} with {@code id}, from {@code source:sourcePort} to a DNS server. */
    static byte[] aaaaQuery(IpAddress source, int sourcePort, IpAddress server, String name, int id) {
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.AAAA, DClass.IN));
            query.getHeader().setID(id);
            query.getHeader().setFlag(Flags.RD);
            return udp(source, sourcePort, server, DNS_PORT, query.toWire());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    /**
     * The AAAA addresses of the DNS answer with {@code id} to {@code port} in {@code packet}; null when the packet
     * is something else (another protocol, port or id, or not a DNS message).
     */
    static List<IpAddress> aaaaAnswer(byte[] packet, int port, int id) {
        int l4 = l4(packet, IpPackets.PROTOCOL_UDP);
        if (l4 < 0 || packet.length < l4 + 8 || IpPackets.getShort(packet, l4) != DNS_PORT
                || IpPackets.getShort(packet, l4 + 2) != port) {
            return null;
        }
        Message answer;
        try {
            answer = new Message(Arrays.copyOfRange(packet, l4 + 8, packet.length));
        } catch (IOException e) {
            return null;
        }
        if (answer.getHeader().getID() != id) {
            return null;
        }
        List<IpAddress> addresses = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof AAAARecord aaaa) {
                addresses.add(IpAddress.of(aaaa.getAddress().getAddress()));
            }
        }
        return addresses;
    }

    /** An ICMPv6 echo request (RFC 4443 §4.1) with {@code payload}. */
    static byte[] echoRequest(Ipv6Address source, Ipv6Address destination, int identifier, int sequence, byte[] payload) {
        byte[] packet = new byte[IpPackets.IPV6_HEADER + 8 + payload.length];
        int l4 = IpPackets.IPV6_HEADER;
        IpPackets.writeIpv6Header(packet, 0, 8 + payload.length, IpPackets.PROTOCOL_ICMPV6, source.high(), source.low(),
                destination.high(), destination.low(), 64);
        packet[l4] = (byte) ICMPV6_ECHO_REQUEST;
        IpPackets.putShort(packet, l4 + 4, identifier);
        IpPackets.putShort(packet, l4 + 6, sequence);
        System.arraycopy(payload, 0, packet, l4 + 8, payload.length);
        IpPackets.putShort(packet, l4 + 2,
                IpPackets.transportChecksum(packet, 0, l4, 8 + payload.length, IpPackets.PROTOCOL_ICMPV6));
        return packet;
    }

    /** Whether {@code packet} is the ICMPv6 echo reply (RFC 4443 §4.2) to identifier and sequence, checksum right. */
    static boolean isEchoReply(byte[] packet, int identifier, int sequence) {
        int l4 = l4(packet, IpPackets.PROTOCOL_ICMPV6);
        return l4 >= 0 && packet.length >= l4 + 8 && (packet[l4] & 0xFF) == ICMPV6_ECHO_REPLY
                && IpPackets.getShort(packet, l4 + 4) == identifier && IpPackets.getShort(packet, l4 + 6) == sequence
                && IpPackets.transportChecksum(packet, 0, l4, packet.length - l4, IpPackets.PROTOCOL_ICMPV6) == 0;
    }

    static byte[] udp(IpAddress source, int sourcePort, IpAddress destination, int destinationPort, byte[] data) {
        boolean v4 = source instanceof Ipv4Address;
        int l4 = v4 ? IpPackets.IPV4_HEADER : IpPackets.IPV6_HEADER;
        int udpLength = IpPackets.UDP_HEADER + data.length;
        byte[] packet = new byte[l4 + udpLength];
        if (v4) {
            IpPackets.writeIpv4Header(packet, 0, packet.length, IpPackets.PROTOCOL_UDP, ((Ipv4Address) source).bits(),
                    ((Ipv4Address) destination).bits(), 0, 64);
        } else {
            Ipv6Address s = (Ipv6Address) source;
            Ipv6Address d = (Ipv6Address) destination;
            IpPackets.writeIpv6Header(packet, 0, udpLength, IpPackets.PROTOCOL_UDP, s.high(), s.low(), d.high(), d.low(),
                    64);
        }
        IpPackets.putShort(packet, l4, sourcePort);
        IpPackets.putShort(packet, l4 + 2, destinationPort);
        IpPackets.putShort(packet, l4 + 4, udpLength);
        System.arraycopy(data, 0, packet, l4 + IpPackets.UDP_HEADER, data.length);
        int checksum = IpPackets.transportChecksum(packet, 0, l4, udpLength, IpPackets.PROTOCOL_UDP);
        IpPackets.putShort(packet, l4 + 6, checksum == 0 ? 0xFFFF : checksum);
        return packet;
    }

    /** Where the transport header starts when {@code packet} carries {@code protocol} directly, else -1. */
    static int l4(byte[] packet, int protocol) {
        if (packet.length >= IpPackets.IPV4_HEADER && (packet[0] & 0xF0) == 0x40) {
            int ihl = (packet[0] & 0x0F) * 4;
            return (packet[9] & 0xFF) == protocol && ihl >= IpPackets.IPV4_HEADER && packet.length >= ihl ? ihl : -1;
        }
        if (packet.length >= IpPackets.IPV6_HEADER && (packet[0] & 0xF0) == 0x60) {
            return (packet[6] & 0xFF) == protocol ? IpPackets.IPV6_HEADER : -1;
        }
        return -1;
    }
}
