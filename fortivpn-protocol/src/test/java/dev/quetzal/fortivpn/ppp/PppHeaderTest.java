package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PPP header: optional ff 03, 1- or 2-byte protocol (RFC 1661 §2, §6.5, §6.6; fortivpn-protocol.md §5)")
final class PppHeaderTest {
    @ParameterizedTest(name = "{0} -> protocol {1}, header {2}")
    @CsvSource({
        // FortiGate style: 2-byte protocol, no address/control (fortivpn-protocol.md §5)
        "'c0 21 01 01 00 04', 0xc021, 2",
        // OpenConnect style: ff 03 then 2-byte protocol (fortivpn-protocol.md §5, quirk 5)
        "'ff 03 c0 21 01 01 00 04', 0xc021, 4",
        "'ff 03 00 21 45 00', 0x0021, 4",
        // RFC 1661 §6.5: an odd first octet is a compressed 1-byte protocol field
        "'21 45 00 00', 0x21, 1",
        "'ff 03 57 60 00', 0x57, 3",
        "'80 fd 01 01 00 04', 0x80fd, 2",
        // too short to hold a protocol
        "'', -1, -1",
        "'00', -1, -1",
        "'ff 03', -1, -1",
        "'ff 03 80', -1, -1",
        // exactly a protocol, no payload
        "'ff 03 21', 0x21, 3",
        "'00 57', 0x57, 2",
    })
    void readsHeader(String hex, String protocol, int headerLength) {
        byte[] frame = Hex.bytes(hex);
        byte[] padded = new byte[frame.length + 4];
        System.arraycopy(frame, 0, padded, 2, frame.length);
        assertEquals(Integer.decode(protocol), PppHeader.protocol(padded, 2, frame.length));
        assertEquals(headerLength, PppHeader.headerLength(padded, 2, frame.length));
    }

    @Test
    @DisplayName("RFC 1661 §6.6: ff alone is a compressed protocol 0x00ff, not an address field")
    void lonelyAddressByte() {
        byte[] frame = Hex.bytes("ff");
        assertEquals(0xff, PppHeader.protocol(frame, 0, 1));
        assertEquals(1, PppHeader.headerLength(frame, 0, 1));
    }

    @Test
    @DisplayName("IANA PPP DLL protocol numbers: known names, hex for the rest")
    void protocolNames() {
        assertEquals("LCP", PppProtocol.name(PppProtocol.LCP));
        assertEquals("IPCP", PppProtocol.name(PppProtocol.IPCP));
        assertEquals("IPv6CP", PppProtocol.name(PppProtocol.IPV6CP));
        assertEquals("IPv4", PppProtocol.name(PppProtocol.IPV4));
        assertEquals("IPv6", PppProtocol.name(PppProtocol.IPV6));
        assertEquals("CCP", PppProtocol.name(PppProtocol.CCP));
        assertEquals("VJ", PppProtocol.name(PppProtocol.VJ_COMPRESSED));
        assertEquals("0x8207", PppProtocol.name(0x8207));
        assertEquals("0x0001", PppProtocol.name(1));
    }
}
