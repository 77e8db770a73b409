package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Finding, building and turning around UDP datagrams: RFC 768, RFC 791 §3.1, RFC 8200 §8.1. */
final class UdpPacketsTest {
    @Test
    @DisplayName("RFC 768 / RFC 8200 §8.1: built datagrams carry lengths and checksums that verify, in both families")
    void buildsBothFamilies() {
        PacketBuffer v4 = Datagrams.udp("127.0.0.1", 1234, "127.0.0.2", 53, new byte[] {1, 2, 3});
        assertEquals(20, UdpPackets.udpOffset(v4));
        assertEquals(Ipv4Header.computeChecksum(v4), Ipv4Header.checksum(v4));
        assertArrayEquals(new byte[] {1, 2, 3}, Datagrams.payload(v4));
        PacketBuffer v6 = Datagrams.udp("::1", 1234, "2001:db8::2", 53, new byte[] {4, 5});
        assertEquals(40, UdpPackets.udpOffset(v6));
        assertArrayEquals(new byte[] {4, 5}, Datagrams.payload(v6));
        assertEquals(IpAddress.parse("2001:db8::2"), UdpPackets.destinationAddress(v6));
    }

    @Test
    @DisplayName("RFC 791 §3.1: fragments, other protocols and UDP lengths past the IP payload are not taken for datagrams")
    void refusesWhatIsNotAWholeDatagram() {
        PacketBuffer fragment = Datagrams.udp("127.0.0.1", 1234, "127.0.0.2", 53, new byte[8]);
        fragment.putShort(Ipv4Header.FLAGS_FRAGMENT_OFFSET, 0x2000);
        assertEquals(-1, UdpPackets.udpOffset(fragment));
        PacketBuffer tcp = Datagrams.udp("127.0.0.1", 1234, "127.0.0.2", 53, new byte[8]);
        tcp.putByte(Ipv4Header.PROTOCOL_OFFSET, 6);
        assertEquals(-1, UdpPackets.udpOffset(tcp));
        PacketBuffer longUdp = Datagrams.udp("127.0.0.1", 1234, "127.0.0.2", 53, new byte[8]);
        longUdp.putShort(24, 17);
        assertEquals(-1, UdpPackets.udpOffset(longUdp));
        PacketBuffer shortUdp = Datagrams.udp("::1", 1234, "::1", 53, new byte[8]);
        shortUdp.putShort(44, 7);
        assertEquals(-1, UdpPackets.udpOffset(shortUdp));
        assertEquals(-1, UdpPackets.udpOffset(PacketBuffer.copyOf(new byte[] {0x45, 0}, 0, 0)));
    }

    @Test
    @DisplayName("RFC 768: turning a datagram around swaps addresses and ports and fixes lengths and checksums")
    void turnsAround() {
        PacketBuffer packet = Datagrams.udp("::1", 40000, "2001:db8::53", 53, new byte[] {9, 9, 9, 9});
        UdpPackets.turnAround(packet, 40, 2);
        assertEquals(IpAddress.parse("2001:db8::53"), UdpPackets.sourceAddress(packet));
        assertEquals(IpAddress.parse("::1"), UdpPackets.destinationAddress(packet));
        assertEquals(53, Datagrams.sourcePort(packet));
        assertEquals(40000, Datagrams.destinationPort(packet));
        assertArrayEquals(new byte[] {9, 9}, Datagrams.payload(packet));
        assertEquals(50, packet.length());
        assertFalse(UdpPackets.write(PacketBuffer.allocate(0, 30), IpAddress.parse("127.0.0.1"), 1,
                IpAddress.parse("127.0.0.1"), 2, new byte[20]), "does not fit");
    }
}
