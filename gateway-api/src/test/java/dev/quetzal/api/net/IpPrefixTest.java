package dev.quetzal.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR prefixes (RFC 4632 §3.1) and inclusive ranges as traffic selectors use them (RFC 7296 §3.13.1). */
final class IpPrefixTest {
    @Test
    void parsesAndContains() {
        IpPrefix prefix = IpPrefix.parse("10.1.0.0/16");
        assertTrue(prefix.contains(IpAddress.parse("10.1.255.255")));
        assertFalse(prefix.contains(IpAddress.parse("10.2.0.0")));
        assertFalse(prefix.contains(IpAddress.parse("::a01:0")));
        assertEquals(IpAddress.parse("10.1.255.255"), prefix.lastAddress());
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(IpAddress.parse("1.2.3.4")));
        assertTrue(prefix.contains(IpPrefix.parse("10.1.2.0/24")));
        assertFalse(IpPrefix.parse("10.1.2.0/24").contains(prefix));
    }

    @Test
    void bareAddressIsAHostPrefix() {
        assertEquals(new IpPrefix(IpAddress.parse("192.0.2.1"), 32), IpPrefix.parse("192.0.2.1"));
        assertEquals(128, IpPrefix.parse("2001:db8::1").length());
    }

    @Test
    void refusesHostBitsAndSaysWhatWasMeant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.1.2.3/16"));
        assertEquals("expected a prefix without host bits, got 10.1.2.3/16 (did you mean 10.1.0.0/16?)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "vpn/8", "2001:db8::/129", "10.0.0.0/ 8"})
    void rejectsMalformedPrefixes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(text));
        assertTrue(e.getMessage().startsWith("expected"), e.getMessage());
    }

    @Test
    void lastAddressOfIpv6Prefixes() {
        assertEquals(IpAddress.parse("64:ff9b::ffff:ffff"), IpPrefix.parse("64:ff9b::/96").lastAddress());
        assertEquals(IpAddress.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), IpPrefix.parse("2001:db8::/32").lastAddress());
        assertEquals(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), IpPrefix.parse("::/0").lastAddress());
    }

    @Test
    void splitsRangesIntoTheFewestPrefixes() {
        assertEquals(List.of(IpPrefix.parse("10.0.0.0/8")), IpPrefix.parse("10.0.0.0/8").toRange().toPrefixes());
        assertEquals(
                List.of(IpPrefix.parse("10.0.0.1/32"), IpPrefix.parse("10.0.0.2/31"), IpPrefix.parse("10.0.0.4/30"),
                        IpPrefix.parse("10.0.0.8/32")),
                new IpRange(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.8")).toPrefixes());
        assertEquals(List.of(IpPrefix.parse("::/0")),
                new IpRange(IpAddress.parse("::"), IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toPrefixes());
        assertEquals(List.of(IpPrefix.parse("0.0.0.0/0")),
                new IpRange(IpAddress.parse("0.0.0.0"), IpAddress.parse("255.255.255.255")).toPrefixes());
    }

    @Test
    void rangeRejectsMixedFamiliesAndReversedEnds() {
        assertThrows(IllegalArgumentException.class, () -> new IpRange(IpAddress.parse("10.0.0.1"), IpAddress.parse("::1")));
        assertThrows(IllegalArgumentException.class, () -> new IpRange(IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.1")));
    }
}
