package dev.quetzal.plugin.nat64.dns64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.plugin.nat64.Nat64Config;
import dev.quetzal.plugin.nat64.Nat64Setup;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checklist 6 and 7: DNS64 synthesizes with the translator's own mapping (RFC 6147 §5.2), explicit
 * mappings and the RFC 6052 §3.1 rule included; reverse names for checklist 11 (RFC 6147 §5.3.1).
 */
final class AddressSynthesisTest {
    private static AddressSynthesis synthesis(String prefix, List<Nat64Config.Mapping> mappings, boolean check) {
        return AddressSynthesis.of(Nat64Setup.mapper(new Nat64Config(IpPrefix.parse(prefix), mappings, null, check, null), null));
    }

    private static Ipv4Address v4(String text) {
        return (Ipv4Address) IpAddress.parse(text);
    }

    @Test
    @DisplayName("RFC 6147 §5.2 / RFC 6052 §2.4: the translator's embedding, all the way to /32")
    void sameAlgorithmAsTheTranslator() {
        assertEquals("2001:db8:c000:221::", synthesis("2001:db8::/32", null, true).toIpv6(v4("192.0.2.33")).toString());
        assertEquals("64:ff9b::c000:221", synthesis("64:ff9b::/96", null, false).toIpv6(v4("192.0.2.33")).toString());
        assertEquals(v4("192.0.2.33"), synthesis("2001:db8:122::/48", null, true)
                .toIpv4((Ipv6Address) IpAddress.parse("2001:db8:122:c000:2:2100::")));
        assertNull(synthesis("64:ff9b:1::/96", null, true).toIpv4((Ipv6Address) IpAddress.parse("2001:db8::1")));
    }

    @Test
    @DisplayName("RFC 7757 §3.3: an explicit mapping wins over the prefix, for DNS64 as for the translator")
    void explicitMappings() {
        AddressSynthesis mapped = synthesis("64:ff9b:1::/96",
                List.of(new Nat64Config.Mapping(IpPrefix.parse("2001:db8:aa::5/128"), IpPrefix.parse("10.9.9.9/32"))), true);
        assertEquals("2001:db8:aa::5", mapped.toIpv6(v4("10.9.9.9")).toString());
        assertEquals("64:ff9b:1::a09:908", mapped.toIpv6(v4("10.9.9.8")).toString());
    }

    @Test
    @DisplayName("RFC 6052 §3.1: no non-global IPv4 under 64:ff9b::/96 when the check is on; RFC 8215 local use allows it")
    void wellKnownPrefixRule() {
        assertNull(synthesis("64:ff9b::/96", null, true).toIpv6(v4("10.0.0.1")));
        assertEquals("64:ff9b::a00:1", synthesis("64:ff9b::/96", null, false).toIpv6(v4("10.0.0.1")).toString());
        assertEquals("64:ff9b:1::a00:1", synthesis("64:ff9b:1::/96", null, true).toIpv6(v4("10.0.0.1")).toString());
    }

    @Test
    @DisplayName("RFC 6147 §5.3.1: the in-addr.arpa name for an ip6.arpa name under the prefix")
    void reverseNames() throws Exception {
        AddressSynthesis synthesis = synthesis("64:ff9b:1::/96", null, true);
        org.xbill.DNS.Name ip6 = org.xbill.DNS.ReverseMap.fromAddress(java.net.InetAddress.ofLiteral("64:ff9b:1::a01:203"));
        assertEquals(Dns64Fixture.name("3.2.1.10.in-addr.arpa"), ReverseNames.inAddrArpaFor(ip6, synthesis));
        assertNull(ReverseNames.inAddrArpaFor(Dns64Fixture.name("1.0.0.0.ip6.arpa"), synthesis), "not a full address");
        assertNull(ReverseNames.inAddrArpaFor(Dns64Fixture.name("www.corp.example"), synthesis));
    }
}
