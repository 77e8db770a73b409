package dev.quetzal.tun.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The test packet builder against the RFCs it claims, since the kernel tests rely on it. */
final class TestPacketsTest {
    @Test
    @DisplayName("RFC 1071 §3: the sum of 0001 f203 f4f5 f6f7 is ddf2, so the checksum is 220d")
    void checksumMatchesRfc1071Example() {
        assertEquals(0x220d, TestPackets.checksum(HexFormat.of().parseHex("0001f203f4f5f6f7")));
    }

    @Test
    @DisplayName("RFC 791 §3.1 and RFC 792: an echo request's header and ICMP checksums verify")
    void ipv4EchoRequestVerifies() {
        byte[] packet = TestPackets.echoRequest("198.18.1.5", "198.18.0.1", 0x1234, 7, new byte[] {1, 2, 3});
        assertEquals(31, packet.length);
        assertEquals(0, TestPackets.checksum(java.util.Arrays.copyOf(packet, 20)));
        TestPackets.Parsed parsed = TestPackets.parse(packet, 0, packet.length).orElseThrow();
        assertEquals(TestPackets.ICMP, parsed.protocol());
        assertEquals(0, TestPackets.checksum(parsed.payload()));
        assertEquals(8, parsed.payload()[0]);
    }

    @Test
    @DisplayName("RFC 768 and RFC 8200 §8.1: UDP over IPv6 checksums over the pseudo-header")
    void ipv6UdpChecksumCoversThePseudoHeader() {
        byte[] packet = TestPackets.udp("2001:db8:1::5", 4000, "2001:db8:c0::1", 53, new byte[] {9, 8, 7});
        TestPackets.Parsed parsed = TestPackets.parse(packet, 0, packet.length).orElseThrow();
        byte[] pseudo = new byte[40];
        System.arraycopy(packet, 8, pseudo, 0, 32);
        pseudo[35] = (byte) parsed.payload().length;
        pseudo[39] = TestPackets.UDP;
        assertEquals(0, TestPackets.checksum(pseudo, parsed.payload()));
        assertArrayEquals(new byte[] {9, 8, 7}, parsed.udpData(4000, 53).orElseThrow());
        assertTrue(parsed.udpData(53, 4000).isEmpty());
    }
}
