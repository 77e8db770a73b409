package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.net.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration options (RFC 1661 §6, RFC 1332 §3, RFC 1877 §1, RFC 5072 §4.1)")
final class ConfigOptionTest {
    @Test
    @DisplayName("RFC 1661 §6: OpenConnect's LCP request options MRU 1400 and a magic number")
    void parsesOptionList() throws PppException {
        List<ConfigOption> options = ConfigOption.parseAll(Hex.bytes("01 04 05 78 05 06 12 34 56 78"));
        assertEquals(List.of(LcpOption.mru(1400), LcpOption.magicNumber(0x12345678)), options);
        assertEquals(1400, options.get(0).valueAsLong());
        assertEquals(0x12345678L, options.get(1).valueAsLong());
    }

    @Test
    @DisplayName("RFC 1661 §6: unknown options and empty values survive a round trip")
    void keepsUnknownOptions() throws PppException {
        byte[] data = Hex.bytes("07 02 08 02 fe 05 01 02 03 03 06 0a 00 00 02");
        List<ConfigOption> options = ConfigOption.parseAll(data);
        assertEquals(4, options.size());
        assertEquals(new ConfigOption(LcpOption.PROTOCOL_FIELD_COMPRESSION, new byte[0]), options.get(0));
        assertEquals(new ConfigOption(0xfe, Hex.bytes("01 02 03")), options.get(2));
        assertArrayEquals(data, ConfigOption.encodeAll(options));
        assertEquals(List.of(), ConfigOption.parseAll(new byte[0]));
    }

    @Test
    @DisplayName("RFC 1661 §6: an option length below 2 or past the data is malformed")
    void refusesBadLengths() {
        assertMalformed("01 01", "option 1 at offset 0 has length 1, below 2");
        assertMalformed("01 04 05 78 05 00", "option 5 at offset 4 has length 0, below 2");
        assertMalformed("05 06 a7 90 2a", "option 5 at offset 0 has length 6 but only 5 bytes remain");
        assertMalformed("01 04 05 78 03", "option at offset 4 truncated: 1 byte left of its 2-byte header");
    }

    @Test
    @DisplayName("RFC 1661 §6: every truncated prefix of an option list either parses to whole options or fails")
    void truncatedPrefixes() throws PppException {
        byte[] data = Hex.bytes("01 04 05 78 05 06 12 34 56 78");
        for (int n = 1; n < data.length; n++) {
            byte[] prefix = java.util.Arrays.copyOf(data, n);
            if (n == 4) {
                assertEquals(List.of(LcpOption.mru(1400)), ConfigOption.parseAll(prefix));
            } else {
                assertThrows(PppException.class, () -> ConfigOption.parseAll(prefix), "prefix of " + n);
            }
        }
    }

    @Test
    @DisplayName("Options compare by content, not by array identity")
    void contentEquality() {
        ConfigOption a = new ConfigOption(3, Hex.bytes("0a 00 00 01"));
        assertEquals(a, new ConfigOption(3, Hex.bytes("0a 00 00 01")));
        assertEquals(a.hashCode(), new ConfigOption(3, Hex.bytes("0a 00 00 01")).hashCode());
        assertNotEquals(a, new ConfigOption(129, Hex.bytes("0a 00 00 01")));
        assertNotEquals(a, new ConfigOption(3, Hex.bytes("0a 00 00 02")));
        assertEquals("ConfigOption[type=3, value=0a000001]", a.toString());
    }

    @Test
    @DisplayName("RFC 1661 §6.1, §6.4; RFC 1332 §3.3; RFC 1877 §1.1; RFC 5072 §4.1: constructors")
    void constructors() {
        assertEquals("01 04 05 78", Hex.of(ConfigOption.encodeAll(List.of(LcpOption.mru(1400)))));
        assertEquals("05 06 a7 90 2a 6e", Hex.of(ConfigOption.encodeAll(List.of(LcpOption.magicNumber(0xa7902a6e)))));
        assertEquals(0xa7902a6eL, LcpOption.magicNumber(0xa7902a6e).valueAsLong());
        assertEquals("03 06 0a d3 00 01", Hex.of(ConfigOption.encodeAll(
                List.of(IpcpOption.address(IpcpOption.IP_ADDRESS, new Ipv4Address(0x0ad30001))))));
        assertEquals("81 06 c0 a8 01 01", Hex.of(ConfigOption.encodeAll(
                List.of(IpcpOption.address(IpcpOption.PRIMARY_DNS, new Ipv4Address(0xc0a80101))))));
        ConfigOption id = Ipv6cpOption.interfaceIdentifier(0x8000_0000_0000_0001L);
        assertEquals("01 0a 80 00 00 00 00 00 00 01", Hex.of(ConfigOption.encodeAll(List.of(id))));
        assertEquals(0x8000_0000_0000_0001L, id.valueAsLong());
        assertThrows(IllegalArgumentException.class, () -> LcpOption.mru(65536));
    }

    @Test
    @DisplayName("RFC 1661 §6: type is an octet and the value fits the length octet")
    void refusesImpossibleOptions() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigOption(256, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new ConfigOption(1, new byte[254]));
        assertThrows(IllegalStateException.class, () -> new ConfigOption(1, new byte[9]).valueAsLong());
    }

    private static void assertMalformed(String hex, String message) {
        PppException e = assertThrows(PppException.class, () -> ConfigOption.parseAll(Hex.bytes(hex)));
        assertEquals(message, e.getMessage());
    }
}
