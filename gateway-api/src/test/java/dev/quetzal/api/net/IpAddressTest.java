package dev.quetzal.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals: RFC 4291 §2.2 (IPv6 text input) and RFC 5952 §4 (canonical IPv6 text output). */
final class IpAddressTest {
    @ParameterizedTest
    @CsvSource({
        // RFC 5952 §4.1 leading zeros, §4.2.1 longest run, §4.2.2 no single-group "::",
        // §4.2.3 first of equal runs, §4.3 lowercase.
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8:0:0:0:0:0:AB, 2001:db8::ab",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "64:ff9b::c000:221, 64:ff9b::c000:221",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void formatsIpv6Canonically(String input, String canonical) {
        assertEquals(canonical, IpAddress.parse(input).toString());
    }

    @Test
    void keepsIpv4MappedAsIpv6() {
        // RFC 4291 §2.5.5.2: the text named an IPv6 address, so the value stays IPv6.
        IpAddress mapped = IpAddress.parse("::ffff:192.0.2.1");
        assertEquals(IpFamily.IPV6, mapped.family());
        assertEquals("::ffff:c000:201", mapped.toString());
    }

    @Test
    void roundTripsIpv4() {
        IpAddress address = IpAddress.parse("198.18.0.10");
        assertEquals(new Ipv4Address(0xC612000A), address);
        assertEquals("198.18.0.10", address.toString());
        assertEquals(address, IpAddress.of(address.toBytes()));
        assertEquals(address, IpAddress.of(address.toInetAddress()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vpn", "127.1", "1.2.3.256", "1.2.3.4.5", "2001:db8::1::2", "fe80::1%eth0", "[::1]", " 1.2.3.4"})
    void rejectsWhatIsNotALiteral(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
        assertTrue(e.getMessage().startsWith("expected an IP address, got"), e.getMessage());
    }

    @Test
    void ordersWithinAndAcrossFamilies() {
        assertTrue(IpAddress.parse("10.0.0.1").compareTo(IpAddress.parse("200.0.0.1")) < 0);
        assertTrue(IpAddress.parse("255.255.255.255").compareTo(IpAddress.parse("::")) < 0);
        assertTrue(IpAddress.parse("8000::").compareTo(IpAddress.parse("7fff::")) > 0);
    }

    @Test
    void addsAcrossTheLow64Bits() {
        assertEquals(IpAddress.parse("2001:db8:0:1::"), IpAddress.parse("2001:db8:0:0:ffff:ffff:ffff:ffff").plus(1));
        assertEquals(IpAddress.parse("10.0.1.0"), IpAddress.parse("10.0.0.255").plus(1));
        assertThrows(ArithmeticException.class, () -> IpAddress.parse("255.255.255.255").plus(1));
    }

    @Test
    void readsBitsFromTheTop() {
        IpAddress address = IpAddress.parse("128.0.0.1");
        assertTrue(address.bit(0));
        assertFalse(address.bit(1));
        assertTrue(address.bit(31));
        assertTrue(IpAddress.parse("::1").bit(127));
        assertTrue(IpAddress.parse("8000::").bit(0));
    }
}
