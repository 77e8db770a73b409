package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TSr narrowing to include routes minus exclude routes (RFC 7296 §2.9, §3.13.1)")
class TrafficSelectorsTest {
    private static final AddressRange ALL_V4 = range("0.0.0.0", "255.255.255.255");
    private static final AddressRange ALL_V6 = range("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

    private static AddressRange range(String start, String end) {
        return new AddressRange(TrafficSelector.ANY_PROTOCOL, 0, 0xFFFF, IpAddress.parse(start), IpAddress.parse(end));
    }

    private static Route include(String prefix) {
        return Route.include(IpPrefix.parse(prefix), "test");
    }

    private static Route exclude(String prefix) {
        return Route.exclude(IpPrefix.parse(prefix), "test");
    }

    @Test
    @DisplayName("§2.9: without routes the request stands (full tunnel); include routes intersect it")
    void includeOnly() {
        assertEquals(List.of(ALL_V4, ALL_V6), TrafficSelectors.narrowToRoutes(List.of(ALL_V4, ALL_V6), List.of()));
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255"), range("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4, ALL_V6), List.of(include("10.1.0.0/16"),
                        include("2001:db8::/32"))));
    }

    @Test
    @DisplayName("§3.13.1: an exclude inside an include splits it into the ranges before and after")
    void excludeSplitsInclude() {
        assertEquals(List.of(range("10.0.0.0", "10.4.255.255"), range("10.6.0.0", "10.255.255.255")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4), List.of(include("10.0.0.0/8"), exclude("10.5.0.0/16"))));
    }

    @Test
    @DisplayName("§3.13.1: excludes at either edge, two excludes in one include, and one covering the include")
    void excludeEdges() {
        assertEquals(List.of(range("10.128.0.0", "10.255.255.255")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4), List.of(include("10.0.0.0/8"), exclude("10.0.0.0/9"))));
        assertEquals(List.of(range("10.0.0.0", "10.127.255.255")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4), List.of(include("10.0.0.0/8"), exclude("10.128.0.0/9"))));
        assertEquals(List.of(range("10.0.0.0", "10.0.0.255"), range("10.0.1.1", "10.0.1.255"),
                        range("10.0.2.1", "10.0.2.255")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4), List.of(include("10.0.0.0/22"), exclude("10.0.1.0/32"),
                        exclude("10.0.2.0/32"), exclude("10.0.3.0/24"))));
        assertEquals(List.of(), TrafficSelectors.narrowToRoutes(List.of(ALL_V4),
                List.of(include("10.1.0.0/16"), exclude("10.0.0.0/8"))));
    }

    @Test
    @DisplayName("§2.9: with no include route, excludes come out of the full-tunnel request, per family, to the edges")
    void fullTunnelMinusExcludes() {
        assertEquals(List.of(range("0.0.0.0", "9.255.255.255"), range("11.0.0.0", "255.255.255.255"), ALL_V6),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4, ALL_V6), List.of(exclude("10.0.0.0/8"))));
        assertEquals(List.of(range("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V6), List.of(exclude("::/128"),
                        exclude("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"))));
        assertEquals(List.of(range("2001:db8::", "2001:db8:0:ffff:ffff:ffff:ffff:ffff"),
                        range("2001:db8:2::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V6), List.of(include("2001:db8::/32"),
                        exclude("2001:db8:1::/48"))));
    }

    @Test
    @DisplayName("§3.13.1: the offered protocol and ports stay on every piece")
    void protocolAndPortsKept() {
        AddressRange tcp443 = new AddressRange(6, 443, 443, IpAddress.parse("10.0.0.0"), IpAddress.parse("10.0.0.255"));
        assertEquals(List.of(new AddressRange(6, 443, 443, IpAddress.parse("10.0.0.0"), IpAddress.parse("10.0.0.9")),
                        new AddressRange(6, 443, 443, IpAddress.parse("10.0.0.11"), IpAddress.parse("10.0.0.255"))),
                TrafficSelectors.narrowToRoutes(List.of(tcp443), List.of(exclude("10.0.0.10/32"))));
    }

    @Test
    @DisplayName("§3.13: a TS payload counts at most 255 selectors, so the narrowing stops there")
    void atMost255() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 600; i += 2) {
            routes.add(include("10." + (i / 256) + "." + (i % 256) + ".0/24")); // gaps between, so none join
        }
        routes.add(exclude("10.0.4.128/25"));
        List<TrafficSelector> out = TrafficSelectors.narrowToRoutes(List.of(ALL_V4), routes);
        assertEquals(255, out.size());
        assertTrue(out.contains(range("10.0.4.0", "10.0.4.127")));
    }

    @Test
    @DisplayName("§3.13.1: selectors are ranges, so neighbouring host routes that are not CIDR siblings become one")
    void neighboursJoin() {
        assertEquals(List.of(range("10.0.0.1", "10.0.0.3"), range("10.0.0.7", "10.0.0.7")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V4), List.of(include("10.0.0.7/32"), include("10.0.0.1/32"),
                        include("10.0.0.2/31"), include("10.0.0.3/32"))));
        assertEquals(List.of(range("::", "::1")),
                TrafficSelectors.narrowToRoutes(List.of(ALL_V6), List.of(include("::1/128"), include("::/128"))));
    }

    @Test
    @DisplayName("§2.9: IKE_AUTH narrows with the exclude routes subtracted")
    void ikeAuthSubtractsExcludes() {
        Harness h = new Harness(Harness.pki(KeyType.ECDSA_P256).clientConfig(ProposalPolicy.DEFAULT, false),
                Harness.pki(KeyType.ECDSA_P256).serverConfig(ProposalPolicy.DEFAULT));
        h.serverEnv.routes = List.of(include("10.0.0.0/8"), exclude("10.5.0.0/16"));
        h.connect();
        List<TrafficSelector> expected = List.of(range("10.0.0.0", "10.4.255.255"), range("10.6.0.0", "10.255.255.255"));
        assertEquals(expected, h.serverPlane.installed.getFirst().spec.localSelectors());
        assertEquals(expected, h.clientPlane.installed.getFirst().spec.remoteSelectors());
    }

    @Test
    @DisplayName("§1.3.1, §2.9: CREATE_CHILD_SA narrows with the exclude routes subtracted")
    void createChildSubtractsExcludes() {
        Harness h = new Harness(Harness.pki(KeyType.ECDSA_P256).clientConfig(ProposalPolicy.DEFAULT, false),
                Harness.pki(KeyType.ECDSA_P256).serverConfig(ProposalPolicy.DEFAULT));
        IkeSa client = h.connect();
        h.serverEnv.routes = List.of(exclude("192.168.0.0/16"));
        assertTrue(h.client.table().createChild(client, dev.quetzal.plugin.ikev2.crypto.DhGroup.NONE));
        h.network.pump();
        assertEquals(List.of(range("0.0.0.0", "192.167.255.255"), range("192.169.0.0", "255.255.255.255")),
                h.clientPlane.installed.getLast().spec.remoteSelectors());
    }

    @Test
    @DisplayName("RFC 7296 §2.19: with a CFG_REQUEST, a single-address TSi (libreswan's own outer address) gives way to"
            + " the assigned address, keeping its protocol and ports; a containing range narrows as before")
    void assignedAddressReplacesHostPlaceholder() {
        IpAddress assigned = IpAddress.parse("198.18.2.1");
        AddressRange outer = new AddressRange(6, 1000, 2000, IpAddress.parse("198.18.0.2"), IpAddress.parse("198.18.0.2"));
        assertEquals(List.of(new AddressRange(6, 1000, 2000, assigned, assigned)),
                TrafficSelectors.narrowToAssigned(List.of(outer), List.of(assigned)));
        assertEquals(List.of(range("198.18.2.1", "198.18.2.1")),
                TrafficSelectors.narrowToAssigned(List.of(outer, ALL_V4), List.of(assigned)));
        assertEquals(List.of(), TrafficSelectors.narrowToAddresses(List.of(outer), List.of(assigned)),
                "outside a CFG_REQUEST's Child SA the placeholder is not accepted");
    }

    @Test
    @DisplayName("RFC 7296 §2.9, §2.19: a range that misses the assigned address, or a host of the other family,"
            + " still narrows to nothing")
    void widerRangesAndOtherFamilyStillRefused() {
        IpAddress assigned = IpAddress.parse("198.18.2.1");
        assertEquals(List.of(), TrafficSelectors.narrowToAssigned(List.of(range("198.18.0.0", "198.18.0.255")),
                List.of(assigned)));
        assertEquals(List.of(), TrafficSelectors.narrowToAssigned(List.of(range("2001:db8::2", "2001:db8::2")),
                List.of(assigned)));
        assertEquals(List.of(range("2001:db8:2::1", "2001:db8:2::1")),
                TrafficSelectors.narrowToAssigned(List.of(range("198.18.0.2", "198.18.0.2"), range("2001:db8::2",
                        "2001:db8::2")), List.of(IpAddress.parse("2001:db8:2::1"))));
    }
}
