package dev.quetzal.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** host:port as in RFC 3986 §3.2.2 (IPv6 literals in brackets) with RFC 1123 §2.1 host names. */
final class HostPortTest {
    @Test
    void parsesNamesAndLiterals() {
        assertEquals(new HostPort("vpn.example.com", 443), HostPort.parse("vpn.example.com:443"));
        assertEquals(new HostPort("127.0.0.1", 0), HostPort.parse("127.0.0.1:0"));
        assertEquals(new HostPort("::1", 500), HostPort.parse("[::1]:500"));
        assertEquals("[::1]:500", HostPort.parse("[::1]:500").toString());
        assertEquals("vpn:1", HostPort.parse("vpn:1").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn", "vpn:", ":443", "vpn:http", "::1:500", "[::1]500", "[vpn]:1", "-vpn:1", "a..b:1", "vpn:-1", "vpn:123456"})
    void rejectsWithTheExpectation(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
        assertEquals("expected host:port, got \"" + text + "\"", e.getMessage());
    }

    @Test
    void rejectsPortsAboveTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse("vpn:65536"));
        assertEquals("expected a port 0..65535, got 65536 in \"vpn:65536\"", e.getMessage());
    }
}
