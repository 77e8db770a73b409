package dev.quetzal.emulator.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Client packets checked against their own length fields: RFC 791 §3.1 (IPv4) and RFC 8200 §3 (IPv6). */
final class IpPacketLengthTest {
    /** IPv4, IHL 5, total length 28: ICMP echo 198.18.1.5 -> 198.18.0.1. */
    private static final String V4 = "4500001c00000000400100" + "00c6120105c6120001" + "0800f7ff00000000";
    /** IPv6, payload length 8: ICMPv6 echo 2001:db8:1::5 -> 2001:db8:c0::1. */
    private static final String V6 = "6000000000083a40" + "20010db8000100000000000000000005"
            + "20010db800c000000000000000000001" + "8000000000000000";

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    @DisplayName("RFC 791 §3.1: the total length of an exact IPv4 packet")
    void ipv4TotalLength() {
        byte[] packet = hex(V4);
        assertEquals(28, IpPacketLength.of(packet, 0, packet.length));
    }

    @Test
    @DisplayName("RFC 791 §3.1: padding after the total length is not part of the packet")
    void ipv4PaddingIsLeftOut() {
        byte[] packet = hex("ffff" + V4 + "00000000");
        assertEquals(28, IpPacketLength.of(packet, 2, packet.length - 2));
    }

    @Test
    @DisplayName("RFC 791 §3.1: a total length past the bytes received is malformed")
    void ipv4TruncatedIsMalformed() {
        byte[] packet = hex(V4);
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, 0, 27));
    }

    @Test
    @DisplayName("RFC 791 §3.1: IHL below 5 words, or a total length below the header, is malformed")
    void ipv4BadHeaderLengthIsMalformed() {
        byte[] shortIhl = hex(V4);
        shortIhl[0] = 0x44;
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(shortIhl, 0, shortIhl.length));
        byte[] longIhl = hex(V4);
        longIhl[0] = 0x48;
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(longIhl, 0, longIhl.length));
        byte[] smallTotal = hex(V4);
        smallTotal[3] = 19;
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(smallTotal, 0, smallTotal.length));
    }

    @Test
    @DisplayName("RFC 8200 §3: 40 header bytes plus the payload length")
    void ipv6Length() {
        byte[] packet = hex(V6 + "0000");
        assertEquals(48, IpPacketLength.of(packet, 0, packet.length));
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, 0, 47));
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, 0, 39));
    }

    @Test
    @DisplayName("RFC 791 §3.1, RFC 8200 §3: only versions 4 and 6 pass; every truncated IPv4 header is refused")
    void otherVersionsAndShortHeadersAreMalformed() {
        byte[] packet = hex(V4);
        packet[0] = 0x55;
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, 0, packet.length));
        byte[] v4 = hex(V4);
        for (int length = 0; length < 20; length++) {
            assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(v4, 0, length), "prefix " + length);
        }
    }

    @Test
    void boundsOutsideTheArrayAreMalformedNotThrown() {
        byte[] packet = hex(V4);
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, -1, 28));
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, 1, 28));
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, 0, -5));
        assertEquals(IpPacketLength.MALFORMED, IpPacketLength.of(packet, Integer.MAX_VALUE, 28));
    }
}
