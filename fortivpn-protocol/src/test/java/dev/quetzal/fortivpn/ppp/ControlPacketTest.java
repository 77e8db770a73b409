package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Control packets (RFC 1661 §5)")
final class ControlPacketTest {
    /** fortivpn-protocol.md §5: the LCP packet inside the notes' example frame. */
    private static final String LCP_REQUEST = "01 01 00 0a 05 06 a7 90 2a 6e";

    @Test
    @DisplayName("RFC 1661 §5.1: code, identifier, length, data of the notes' example")
    void parsesNotesExample() throws PppException {
        byte[] bytes = Hex.bytes(LCP_REQUEST);
        ControlPacket packet = ControlPacket.parse(bytes, 0, bytes.length);
        assertEquals(ControlPacket.CONFIGURE_REQUEST, packet.code());
        assertEquals(1, packet.identifier());
        assertEquals("05 06 a7 90 2a 6e", Hex.of(packet.data()));
        assertEquals(List.of(LcpOption.magicNumber(0xa7902a6e)), packet.options());
        assertEquals("c0 21 " + LCP_REQUEST, Hex.of(packet.toFrame(PppProtocol.LCP)));
    }

    @Test
    @DisplayName("RFC 1661 §5: octets beyond the length field are padding and ignored")
    void ignoresPadding() throws PppException {
        byte[] bytes = Hex.bytes("00 00 " + LCP_REQUEST + " 00 00 00 ff");
        ControlPacket packet = ControlPacket.parse(bytes, 2, bytes.length - 2);
        assertEquals(6, packet.data().length);
        assertEquals(ControlPacket.parse(Hex.bytes(LCP_REQUEST), 0, 10), packet);
    }

    @Test
    @DisplayName("RFC 1661 §5: a length field below 4 or beyond the received bytes is malformed")
    void refusesBadLengths() {
        assertMalformed("01 01 00 03", "control packet length field 3 is below 4");
        assertMalformed("01 01 00 00 05 06", "control packet length field 0 is below 4");
        assertMalformed("01 01 00 0b 05 06 a7 90 2a 6e", "control packet length field 11 exceeds the 10 bytes received");
        assertMalformed("01 01 00", "control packet of 3 bytes is shorter than its 4-byte header");
    }

    @Test
    @DisplayName("RFC 1661 §5: every truncated prefix of a packet is refused cleanly")
    void refusesEveryTruncation() {
        byte[] bytes = Hex.bytes(LCP_REQUEST);
        for (int length = 0; length < bytes.length; length++) {
            int n = length;
            assertThrows(PppException.class, () -> ControlPacket.parse(bytes, 0, n), "prefix of " + n);
        }
    }

    @Test
    @DisplayName("RFC 1661 §5: random bytes parse or give PppException, and what parses re-encodes to its own length")
    void randomInput() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 20000; round++) {
            byte[] bytes = new byte[random.nextInt(24)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                bytes[2] = 0;
                bytes[3] = (byte) random.nextInt(bytes.length + 2);
            }
            try {
                ControlPacket packet = ControlPacket.parse(bytes, 0, bytes.length);
                byte[] frame = packet.toFrame(PppProtocol.IPCP);
                assertEquals((bytes[3] & 0xFF) + 2, frame.length);
                try {
                    List<ConfigOption> options = packet.options();
                    assertArrayEquals(packet.data(), ConfigOption.encodeAll(options));
                } catch (PppException expected) {
                    assertTrue(expected.getMessage().startsWith("option"));
                }
            } catch (PppException expected) {
                assertTrue(expected.getMessage().startsWith("control packet"));
            }
        }
    }

    @Test
    @DisplayName("RFC 1661 §5: packets compare by content; unknown codes are kept")
    void contentEquality() throws PppException {
        ControlPacket a = new ControlPacket(42, 7, Hex.bytes("01 02"));
        assertEquals(a, new ControlPacket(42, 7, Hex.bytes("01 02")));
        assertEquals(a.hashCode(), new ControlPacket(42, 7, Hex.bytes("01 02")).hashCode());
        assertNotEquals(a, new ControlPacket(42, 8, Hex.bytes("01 02")));
        assertNotEquals(a, new ControlPacket(42, 7, Hex.bytes("01 03")));
        assertEquals("ControlPacket[code=42, identifier=7, data=0102]", a.toString());
        byte[] frame = a.toFrame(PppProtocol.LCP);
        assertEquals(a, ControlPacket.parse(frame, 2, frame.length - 2));
    }

    @Test
    @DisplayName("RFC 1661 §5: code and identifier are octets")
    void refusesOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new ControlPacket(256, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new ControlPacket(1, -1, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new ControlPacket(1, 1, new byte[ControlPacket.MAX_DATA_LENGTH + 1]));
    }

    private static void assertMalformed(String hex, String message) {
        byte[] bytes = Hex.bytes(hex);
        PppException e = assertThrows(PppException.class, () -> ControlPacket.parse(bytes, 0, bytes.length));
        assertEquals(message, e.getMessage());
    }
}
