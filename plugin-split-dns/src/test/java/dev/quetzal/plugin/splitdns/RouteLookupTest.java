package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry.RouteSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy lookup of issue 6 ("packets to an address outside the published routes are dropped"). */
final class RouteLookupTest {
    private static Route include(String prefix) {
        return Route.include(IpPrefix.parse(prefix), "test");
    }

    private static Route exclude(String prefix) {
        return Route.exclude(IpPrefix.parse(prefix), "test");
    }

    private static boolean allows(RouteLookup lookup, String address) {
        return lookup.allows(IpAddress.parse(address));
    }

    @Test
    @DisplayName("issue 6: an EXCLUDE inside an INCLUDE cuts a hole; edges of each range are exact")
    void excludeInsideInclude() {
        RouteLookup lookup = RouteLookup.of(new RouteSet(1, List.of(
                include("198.18.0.0/16"), exclude("198.18.4.0/24"), include("198.19.0.1/32"),
                include("2001:db8::/48"), exclude("2001:db8:0:8000::/49"))), true);
        assertTrue(allows(lookup, "198.18.0.0"));
        assertTrue(allows(lookup, "198.18.3.255"));
        assertFalse(allows(lookup, "198.18.4.0"));
        assertFalse(allows(lookup, "198.18.4.255"));
        assertTrue(allows(lookup, "198.18.5.0"));
        assertTrue(allows(lookup, "198.18.255.255"));
        assertFalse(allows(lookup, "198.17.255.255"));
        assertTrue(allows(lookup, "198.19.0.1"));
        assertFalse(allows(lookup, "198.19.0.2"));
        assertFalse(allows(lookup, "255.255.255.255"));
        assertTrue(allows(lookup, "2001:db8::1"));
        assertTrue(allows(lookup, "2001:db8:0:7fff:ffff:ffff:ffff:ffff"));
        assertFalse(allows(lookup, "2001:db8:0:8000::"));
        assertFalse(allows(lookup, "2001:db8:1::"));
        assertFalse(allows(lookup, "::1"));
    }

    @Test
    @DisplayName("issue 6: overlapping and adjacent INCLUDEs merge; the unsigned top of the space is handled")
    void mergesAndHandlesHighAddresses() {
        RouteLookup lookup = RouteLookup.of(new RouteSet(1, List.of(
                include("240.0.0.0/4"), include("10.0.0.0/9"), include("10.128.0.0/9"), include("10.1.0.0/16"),
                include("ff00::/8"))), true);
        assertTrue(allows(lookup, "10.255.255.255"));
        assertTrue(allows(lookup, "255.255.255.255"));
        assertTrue(allows(lookup, "240.0.0.0"));
        assertFalse(allows(lookup, "239.255.255.255"));
        assertTrue(allows(lookup, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertFalse(allows(lookup, "feff::"));
    }

    @Test
    @DisplayName("issue 6: with no INCLUDE route at all the gateway is a full tunnel, IPv4 and IPv6")
    void fullTunnel() {
        RouteLookup lookup = RouteLookup.of(new RouteSet(1, List.of(exclude("198.18.0.0/15"))), false);
        assertTrue(lookup.isFullTunnel());
        assertTrue(allows(lookup, "198.18.0.1"));
        assertTrue(allows(lookup, "2001:db8::1"));
        RouteLookup split = RouteLookup.of(new RouteSet(1, List.of()), true);
        assertFalse(split.isFullTunnel());
        assertFalse(allows(split, "198.18.0.1"), "a split config with nothing learned yet allows nothing");
    }

    @Test
    @DisplayName("issue 6: IPv4-only routes send no IPv6 through the tunnel")
    void familyWithoutRoutes() {
        RouteLookup lookup = RouteLookup.of(new RouteSet(1, List.of(include("0.0.0.0/0"))), true);
        assertTrue(allows(lookup, "0.0.0.0"));
        assertTrue(allows(lookup, "255.255.255.255"));
        assertFalse(allows(lookup, "2001:db8::1"));
    }
}
