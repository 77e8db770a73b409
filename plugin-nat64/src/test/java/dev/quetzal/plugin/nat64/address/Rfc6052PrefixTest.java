package dev.quetzal.plugin.nat64.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6052 §2.2 embedding at every prefix length, checked with the §2.4 table. */
final class Rfc6052PrefixTest {
    private static final int IPV4 = ((Ipv4Address) IpAddress.parse("192.0.2.33")).bits();

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("RFC 6052 §2.4: the seven vectors for 192.0.2.33")
    @CsvSource({
        "2001:db8::/32, 2001:db8:c000:221::",
        "2001:db8:100::/40, 2001:db8:1c0:2:21::",
        "2001:db8:122::/48, 2001:db8:122:c000:2:2100::",
        "2001:db8:122:300::/56, 2001:db8:122:3c0:0:221::",
        "2001:db8:122:344::/64, 2001:db8:122:344:c0:2:2100:0",
        "2001:db8:122:344::/96, 2001:db8:122:344::c000:221",
        "64:ff9b::/96, 64:ff9b::c000:221",
    })
    void embedsAndExtracts(String prefix, String embedded) {
        Rfc6052Prefix p = new Rfc6052Prefix(IpPrefix.parse(prefix));
        byte[] out = new byte[20];
        p.embed(IPV4, out, 2);
        byte[] address = java.util.Arrays.copyOfRange(out, 2, 18);
        assertEquals(IpAddress.parse(embedded), dev.quetzal.api.net.Ipv6Address.of(address));
        assertEquals(0, address[8], "bits 64-71 are zero");
        assertTrue(p.contains(out, 2));
        assertEquals(IPV4, p.extract(out, 2));
    }

    @Test
    @DisplayName("RFC 6052 §2.2: a non-zero suffix is ignored on extraction; other prefixes do not match")
    void ignoresTheSuffix() {
        Rfc6052Prefix p = new Rfc6052Prefix(IpPrefix.parse("2001:db8:122::/48"));
        byte[] a = IpAddress.parse("2001:db8:122:c000:2:21ff:ffff:ffff").toBytes();
        assertEquals(IPV4, p.extract(a, 0));
        assertFalse(p.contains(IpAddress.parse("2001:db8:123:c000:2:2100::").toBytes(), 0));
        assertTrue(new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN).isWellKnown());
        assertFalse(p.isWellKnown());
    }

    @Test
    @DisplayName("RFC 6052 §2.2: only lengths 32, 40, 48, 56, 64 and 96")
    void refusesOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Rfc6052Prefix(IpPrefix.parse("64:ff9b::/80")));
        assertThrows(IllegalArgumentException.class, () -> new Rfc6052Prefix(IpPrefix.parse("192.0.2.0/24")));
    }
}
