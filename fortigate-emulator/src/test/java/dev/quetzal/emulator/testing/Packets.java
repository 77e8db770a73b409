package dev.quetzal.emulator.testing;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.network.IpPackets;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builds and checks the IP packets a tunnel client would send (RFC 791, 8200, 768, 792, 4443). */
public final class Packets {
    private Packets() {}

    public static byte[] icmpEcho(IpAddress source, IpAddress destination, int identifier, int sequence, int payload) {
        byte[] icmp = new byte[8 + payload];
        icmp[0] = (byte) (source instanceof Ipv4Address ? 8 : 128);
        IpPackets.putShort(icmp, 4, identifier);
        IpPackets.putShort(icmp, 6, sequence);
        for (int i = 0; i < payload; i++) {
            icmp[8 + i] = (byte) i;
        }
        return ip(source, destination, source instanceof Ipv4Address ? 1 : 58, icmp);
    }

    public static byte[] udp(IpAddress source, int sourcePort, IpAddress destination, int destinationPort, byte[] data) {
        byte[] udp = new byte[8 + data.length];
        IpPackets.putShort(udp, 0, sourcePort);
        IpPackets.putShort(udp, 2, destinationPort);
        IpPackets.putShort(udp, 4, udp.length);
        System.arraycopy(data, 0, udp, 8, data.length);
        return ip(source, destination, 17, udp);
    }

    public static byte[] dnsQuery(IpAddress source, IpAddress server, String name, int type, int id) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        query.getHeader().setID(id);
        query.getHeader().setFlag(Flags.RD);
        return udp(source, 40000 + id % 1000, server, 53, query.toWire());
    }

    /** An IP packet around {@code l4}, with every checksum filled in. */
    public static byte[] ip(IpAddress source, IpAddress destination, int protocol, byte[] l4) {
        int header = source instanceof Ipv4Address ? 20 : 40;
        byte[] packet = new byte[header + l4.length];
        System.arraycopy(l4, 0, packet, header, l4.length);
        if (source instanceof Ipv4Address s && destination instanceof Ipv4Address d) {
            IpPackets.writeIpv4Header(packet, 0, packet.length, protocol, s.bits(), d.bits(), 7, 64);
        } else {
            Ipv6Address s = (Ipv6Address) source;
            Ipv6Address d = (Ipv6Address) destination;
            IpPackets.writeIpv6Header(packet, 0, l4.length, protocol, s.high(), s.low(), d.high(), d.low(), 64);
        }
        int checksumAt = protocol == 17 ? 6 : 2;
        int checksum = protocol == 1
                ? IpPackets.fold(IpPackets.sum(packet, header, l4.length, 0))
                : IpPackets.transportChecksum(packet, 0, header, l4.length, protocol);
        IpPackets.putShort(packet, header + checksumAt, protocol == 17 && checksum == 0 ? 0xFFFF : checksum);
        return packet;
    }

    /** True if the IPv4 header checksum (when IPv4) and the ICMP/UDP/ICMPv6 checksum verify. */
    public static boolean checksumsOk(byte[] packet) {
        boolean v4 = (packet[0] & 0xF0) == 0x40;
        int header = v4 ? (packet[0] & 0x0F) * 4 : 40;
        int protocol = v4 ? packet[9] & 0xFF : packet[6] & 0xFF;
        if (v4 && IpPackets.fold(IpPackets.sum(packet, 0, header, 0)) != 0) {
            return false;
        }
        int l4Length = packet.length - header;
        if (protocol == 1) {
            return IpPackets.fold(IpPackets.sum(packet, header, l4Length, 0)) == 0;
        }
        return IpPackets.transportChecksum(packet, 0, header, l4Length, protocol) == 0;
    }

    public static IpAddress source(byte[] packet) {
        return (packet[0] & 0xF0) == 0x40
                ? new Ipv4Address(IpPackets.getInt(packet, 12))
                : new Ipv6Address(IpPackets.getLong(packet, 8), IpPackets.getLong(packet, 16));
    }

    public static IpAddress destination(byte[] packet) {
        return (packet[0] & 0xF0) == 0x40
                ? new Ipv4Address(IpPackets.getInt(packet, 16))
                : new Ipv6Address(IpPackets.getLong(packet, 24), IpPackets.getLong(packet, 32));
    }

    /** The transport payload start (after the IP header). */
    public static int l4(byte[] packet) {
        return (packet[0] & 0xF0) == 0x40 ? (packet[0] & 0x0F) * 4 : 40;
    }

    public static Message dnsAnswer(byte[] packet) throws Exception {
        int l4 = l4(packet);
        return new Message(Arrays.copyOfRange(packet, l4 + 8, packet.length));
    }

    public static String answers(Message message) {
        StringBuilder text = new StringBuilder();
        for (Record record : message.getSection(Section.ANSWER)) {
            text.append(record.getName()).append(' ').append(org.xbill.DNS.Type.string(record.getType())).append(' ')
                    .append(record.rdataToString()).append(';');
        }
        return text.toString();
    }
}
