package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.network.IpPackets;

/** ICMP echo requests (RFC 792) and ICMPv6 ones (RFC 4443 §4.1) with every checksum filled in. */
final class Pings {
    private Pings() {}

    static byte[] echo(IpAddress source, IpAddress destination, int identifier, int sequence) {
        boolean v4 = source instanceof Ipv4Address;
        int header = v4 ? 20 : 40;
        byte[] packet = new byte[header + 8 + 32];
        int l4 = header;
        packet[l4] = (byte) (v4 ? 8 : 128);
        IpPackets.putShort(packet, l4 + 4, identifier);
        IpPackets.putShort(packet, l4 + 6, sequence);
        for (int i = 0; i < 32; i++) {
            packet[l4 + 8 + i] = (byte) i;
        }
        if (v4) {
            IpPackets.writeIpv4Header(packet, 0, packet.length, 1, ((Ipv4Address) source).bits(),
                    ((Ipv4Address) destination).bits(), sequence, 64);
            IpPackets.putShort(packet, l4 + 2, IpPackets.fold(IpPackets.sum(packet, l4, packet.length - l4, 0)));
        } else {
            Ipv6Address s = (Ipv6Address) source;
            Ipv6Address d = (Ipv6Address) destination;
            IpPackets.writeIpv6Header(packet, 0, packet.length - 40, 58, s.high(), s.low(), d.high(), d.low(), 64);
            IpPackets.putShort(packet, l4 + 2, IpPackets.transportChecksum(packet, 0, l4, packet.length - l4, 58));
        }
        return packet;
    }

    /** True when {@code packet} is the echo reply to {@code sequence} from {@code from}. */
    static boolean isReply(byte[] packet, IpAddress from, int sequence) {
        boolean v4 = (packet[0] & 0xF0) == 0x40;
        int l4 = v4 ? (packet[0] & 0x0F) * 4 : 40;
        IpAddress source = v4 ? new Ipv4Address(IpPackets.getInt(packet, 12))
                : new Ipv6Address(IpPackets.getLong(packet, 8), IpPackets.getLong(packet, 16));
        int type = packet[l4] & 0xFF;
        return source.equals(from) && type == (v4 ? 0 : 129) && IpPackets.getShort(packet, l4 + 6) == sequence;
    }

    /** The echo reply to an IPv4 echo request (RFC 792): addresses swapped, type 0, checksums redone; null otherwise. */
    static byte[] replyTo(byte[] request) {
        if ((request[0] & 0xF0) != 0x40 || request[9] != 1) {
            return null;
        }
        int l4 = (request[0] & 0x0F) * 4;
        if (request.length < l4 + 8 || request[l4] != 8) {
            return null;
        }
        byte[] reply = request.clone();
        System.arraycopy(request, 16, reply, 12, 4);
        System.arraycopy(request, 12, reply, 16, 4);
        reply[l4] = 0;
        IpPackets.putShort(reply, l4 + 2, 0);
        IpPackets.putShort(reply, l4 + 2, IpPackets.fold(IpPackets.sum(reply, l4, reply.length - l4, 0)));
        IpPackets.putShort(reply, 10, 0);
        IpPackets.putShort(reply, 10, IpPackets.fold(IpPackets.sum(reply, 0, l4, 0)));
        return reply;
    }
}
