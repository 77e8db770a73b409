package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.packet.PacketBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fortinet frame header (fortivpn-protocol.md §5)")
final class FortiFrameTest {
    /** fortivpn-protocol.md §5: the emulator's LCP Configure-Request with a magic number only. */
    static final String NOTES_EXAMPLE = "00 12 50 50 00 0c c0 21 01 01 00 0a 05 06 a7 90 2a 6e";

    @Test
    @DisplayName("§5: total = len + 6, magic 0x5050, len, big-endian")
    void writesHeaderOfNotesExample() {
        byte[] expected = Hex.bytes(NOTES_EXAMPLE);
        byte[] frame = new byte[expected.length];
        System.arraycopy(expected, 6, frame, 6, 12);
        FortiFrame.writeHeader(frame, 0, 12);
        assertArrayEquals(expected, frame);
    }

    @Test
    @DisplayName("§5: the largest frame has total 0xffff")
    void writesLargestHeader() {
        byte[] header = new byte[8];
        FortiFrame.writeHeader(header, 2, FortiFrame.MAX_PPP_LENGTH);
        assertEquals("00 00 ff ff 50 50 ff f9", Hex.of(header));
    }

    @Test
    @DisplayName("§5: lengths the header cannot carry are refused")
    void refusesImpossibleLengths() {
        byte[] header = new byte[6];
        assertThrows(IllegalArgumentException.class, () -> FortiFrame.writeHeader(header, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FortiFrame.writeHeader(header, 0, FortiFrame.MAX_PPP_LENGTH + 1));
    }

    @Test
    @DisplayName("§5: an IP packet becomes header + protocol 0x0021 + packet, in place")
    void encapsulatesInPlace() {
        byte[] ip = Hex.bytes("45 00 00 14 00 00 00 00 40 01 00 00 0a 00 00 01 0a 00 00 02");
        PacketBuffer packet = PacketBuffer.copyOf(ip, 16, 0);
        byte[] array = packet.array();
        FortiFrame.encapsulate(packet, PppProtocol.IPV4);
        assertEquals(8, packet.arrayOffset());
        assertEquals(ip.length + 8, packet.length());
        assertEquals(array, packet.array());
        assertEquals("00 1c 50 50 00 16 00 21 " + Hex.of(ip), Hex.of(packet.toByteArray()));
    }

    @Test
    @DisplayName("§5: without 8 bytes of headroom the packet is left untouched")
    void refusesShortHeadroom() {
        byte[] ip = Hex.bytes("60 00 00 00 00 00 3b 40");
        PacketBuffer packet = PacketBuffer.copyOf(ip, 7, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> FortiFrame.encapsulate(packet, PppProtocol.IPV6));
        assertEquals(7, packet.headroom());
        assertArrayEquals(ip, packet.toByteArray());
    }

    @Test
    @DisplayName("§5: a packet too large for a 16-bit total is refused")
    void refusesOversizedPacket() {
        PacketBuffer packet = PacketBuffer.allocate(8, FortiFrame.MAX_PPP_LENGTH);
        packet.setLength(FortiFrame.MAX_PPP_LENGTH - 1);
        assertThrows(IllegalArgumentException.class, () -> FortiFrame.encapsulate(packet, PppProtocol.IPV4));
        assertEquals(8, packet.headroom());
    }
}
