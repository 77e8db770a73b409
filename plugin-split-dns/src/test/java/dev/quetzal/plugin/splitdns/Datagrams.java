package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import dev.quetzal.plugin.splitdns.dns.DnsReader;
import java.util.Arrays;

/** IP/UDP packets around DNS messages for tests, and checks of the packets the filter makes. */
final class Datagrams {
    private Datagrams() {}

    static PacketBuffer udp(String source, int sourcePort, String destination, int destinationPort, byte[] payload) {
        PacketBuffer packet = PacketBuffer.allocate(64, 1500);
        assertTrue(UdpPackets.write(packet, IpAddress.parse(source), sourcePort, IpAddress.parse(destination),
                destinationPort, payload));
        return packet;
    }

    /** The UDP payload of a packet, after checking that its UDP checksum verifies (RFC 768). */
    static byte[] payload(PacketBuffer packet) {
        int udp = UdpPackets.udpOffset(packet);
        assertTrue(udp > 0, "not a UDP packet");
        assertEquals(0xFFFF, checksumSum(packet, udp), "UDP checksum does not verify");
        byte[] all = packet.toByteArray();
        return Arrays.copyOfRange(all, udp + 8, udp + packet.getUnsignedShort(udp + 4));
    }

    static DnsMessage dns(PacketBuffer packet) {
        byte[] payload = payload(packet);
        return ((DnsMessage.Parsed) DnsReader.read(payload, 0, payload.length)).message();
    }

    static int sourcePort(PacketBuffer packet) {
        return packet.getUnsignedShort(UdpPackets.udpOffset(packet));
    }

    static int destinationPort(PacketBuffer packet) {
        return packet.getUnsignedShort(UdpPackets.udpOffset(packet) + 2);
    }

    /** The one's complement sum over pseudo-header and datagram; 0xFFFF when the checksum is right. */
    private static int checksumSum(PacketBuffer packet, int udp) {
        byte[] b = packet.toByteArray();
        int udpLength = packet.getUnsignedShort(udp + 4);
        boolean v4 = packet.ipVersion() == 4;
        long sum = 17 + udpLength;
        int addresses = v4 ? 12 : 8;
        for (int i = addresses; i < addresses + (v4 ? 8 : 32); i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        for (int i = 0; i < udpLength; i += 2) {
            int hi = b[udp + i] & 0xFF;
            int lo = i + 1 < udpLength ? b[udp + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
