package dev.quetzal.plugin.nat64.dns64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6052 §2.2 embedding, checked with the §2.4 table; checklist 6 and 7 (RFC 6147 §5.2, RFC 6052 §3.1). */
final class Pref64Test {
    private static final Ipv4Address ADDRESS = (Ipv4Address) IpAddress.parse("192.0.2.33");

    @ParameterizedTest(name = "RFC 6052 §2.4: {0} -> {1}")
    @CsvSource({
            "2001:db8::/32, 2001:db8:c000:221::",
            "2001:db8:100::/40, 2001:db8:1c0:2:21::",
            "2001:db8:122::/48, 2001:db8:122:c000:2:2100::",
            "2001:db8:122:300::/56, 2001:db8:122:3c0:0:221::",
            "2001:db8:122:344::/64, 2001:db8:122:344:c0:2:2100:0",
            "2001:db8:122:344::/96, 2001:db8:122:344::c000:221",
            "64:ff9b::/96, 64:ff9b::c000:221"})
    void embedsAndExtracts(String prefix, String expected) {
        Pref64 pref64 = new Pref64(IpPrefix.parse(prefix));
        Ipv6Address embedded = pref64.embed(ADDRESS);
        assertEquals(expected, embedded.toString());
        assertEquals(ADDRESS, pref64.extract(embedded));
    }

    @Test
    @DisplayName("RFC 6052 §2.2: only lengths 32, 40, 48, 56, 64, 96; addresses outside the prefix have no IPv4")
    void lengthsAndOutside() {
        assertThrows(IllegalArgumentException.class, () -> new Pref64(IpPrefix.parse("64:ff9b::/80")));
        assertNull(new Pref64(IpPrefix.parse("64:ff9b::/96")).extract((Ipv6Address) IpAddress.parse("2001:db8::1")));
    }

    @Test
    @DisplayName("RFC 6052 §3.1: non-global IPv4 ranges; 240/4 and 192.0.0.0/29 stay allowed (as Tayga's addressing tests)")
    void nonGlobal() {
        for (String address : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "127.0.0.1", "0.1.2.3",
                "169.254.1.1", "224.0.0.1", "192.0.2.1", "198.51.100.1", "203.0.113.1", "198.18.0.1", "198.19.255.255"}) {
            assertTrue(Pref64.isNonGlobal((Ipv4Address) IpAddress.parse(address)), address);
        }
        for (String address : new String[] {"8.8.8.8", "240.0.0.1", "192.0.0.170", "192.88.99.1", "172.32.0.1", "100.128.0.1"}) {
            assertFalse(Pref64.isNonGlobal((Ipv4Address) IpAddress.parse(address)), address);
        }
        AddressSynthesis wkp = AddressSynthesis.of(new Pref64(IpPrefix.parse("64:ff9b::/96")), true);
        assertNull(wkp.toIpv6((Ipv4Address) IpAddress.parse("10.0.0.1")));
        AddressSynthesis unchecked = AddressSynthesis.of(new Pref64(IpPrefix.parse("64:ff9b::/96")), false);
        assertEquals("64:ff9b::a00:1", unchecked.toIpv6((Ipv4Address) IpAddress.parse("10.0.0.1")).toString());
    }

    @Test
    @DisplayName("RFC 6147 §5.3.1: the in-addr.arpa name for an ip6.arpa name under the prefix")
    void reverseNames() throws Exception {
        AddressSynthesis synthesis = AddressSynthesis.of(new Pref64(IpPrefix.parse("64:ff9b:1::/96")), true);
        org.xbill.DNS.Name ip6 = org.xbill.DNS.ReverseMap.fromAddress(java.net.InetAddress.ofLiteral("64:ff9b:1::a01:203"));
        assertEquals(Dns64Fixture.name("3.2.1.10.in-addr.arpa"), ReverseNames.inAddrArpaFor(ip6, synthesis));
        assertNull(ReverseNames.inAddrArpaFor(Dns64Fixture.name("1.0.0.0.ip6.arpa"), synthesis), "not a full address");
        assertNull(ReverseNames.inAddrArpaFor(Dns64Fixture.name("www.corp.example"), synthesis));
    }
}
