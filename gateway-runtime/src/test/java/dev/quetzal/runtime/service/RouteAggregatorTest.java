package dev.quetzal.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Route aggregation (issue 6: "route sets are aggregated, adjacent /32s merged"): CIDR prefixes as in
 * RFC 4632 §3.1, where two halves of one prefix make that prefix; IPv4 and IPv6 (RFC 4291 §2.3)
 * are never mixed, nor include and exclude routes.
 */
final class RouteAggregatorTest {
    private static Route include(String prefix, String source) {
        return Route.include(IpPrefix.parse(prefix), source);
    }

    private static Route exclude(String prefix, String source) {
        return Route.exclude(IpPrefix.parse(prefix), source);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("RFC 4632 §3.1: two adjacent /32s that are the halves of a /31 become that /31, with both sources",
                        List.of(include("198.18.0.1/32", "split-dns:b.corp.example"),
                                include("198.18.0.0/32", "split-dns:a.corp.example")),
                        List.of(include("198.18.0.0/31", "split-dns:a.corp.example, split-dns:b.corp.example"))),
                // .1 and .2 touch, but .1 is the upper half of .0/31 and .2 the lower half of .2/31.
                arguments("RFC 4632 §3.1: adjacent prefixes that are not halves of one parent stay apart",
                        List.of(include("198.18.0.1/32", "a"), include("198.18.0.2/32", "a"),
                                include("10.0.1.0/24", "b"), include("10.0.2.0/24", "b")),
                        List.of(include("10.0.1.0/24", "b"), include("10.0.2.0/24", "b"),
                                include("198.18.0.1/32", "a"), include("198.18.0.2/32", "a"))),
                arguments("a prefix inside a wider one of the same kind is dropped; the wider route names every source",
                        List.of(include("10.1.2.3/32", "split-dns:intranet.corp.example"), include("10.0.0.0/8", "fortivpn"),
                                include("10.200.0.0/16", "static"), include("10.0.0.0/8", "static")),
                        List.of(include("10.0.0.0/8", "fortivpn, split-dns:intranet.corp.example, static"))),
                arguments("include and exclude routes are aggregated apart: an exclude inside an include stays",
                        List.of(exclude("10.9.0.0/17", "fortivpn"), exclude("10.9.128.0/17", "fortivpn"),
                                include("10.0.0.0/8", "fortivpn"), include("10.9.0.0/16", "static")),
                        List.of(include("10.0.0.0/8", "fortivpn, static"), exclude("10.9.0.0/16", "fortivpn"))),
                arguments("RFC 4291 §2.3: IPv6 prefixes merge among themselves, never with IPv4, and sort after IPv4",
                        List.of(include("2001:db8::1/128", "dns"), include("2001:db8::/128", "dns"),
                                include("0.0.0.0/1", "static"), include("128.0.0.0/1", "static"),
                                include("::/1", "static6"), include("8000::/1", "static6")),
                        List.of(include("0.0.0.0/0", "static"), include("::/0", "dns, static6"))),
                arguments("RFC 4291 §2.3: IPv6 siblings merge whether their last bit is in the high or the low 64 bits",
                        List.of(include("2001:db8:0:1::/64", "a"), include("2001:db8::/64", "b"),
                                include("2001:db8:1::8/126", "c"), include("2001:db8:1::c/126", "c")),
                        List.of(include("2001:db8::/63", "a, b"), include("2001:db8:1::8/125", "c"))),
                arguments("routes inside a wider one are absorbed first, then the wider one merges with its sibling",
                        List.of(include("198.18.0.0/24", "wide"), include("198.18.0.0/25", "x"),
                                include("198.18.0.128/25", "y"), include("198.18.1.0/24", "z")),
                        List.of(include("198.18.0.0/23", "wide, x, y, z"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aggregates(String rule, List<Route> routes, List<Route> expected) {
        assertEquals(expected, RouteAggregator.aggregate(routes), rule);
    }

    @Test
    @DisplayName("RFC 4632 §3.1: merging repeats, four /32s make a /30 and eight make a /29")
    void mergingRepeatsUpwards() {
        List<Route> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(include("198.18.4." + (8 + i) + "/32", "dns"));
        }
        Collections.shuffle(eight, new Random(6));

        assertEquals(List.of(include("198.18.4.8/29", "dns")), RouteAggregator.aggregate(eight));
        assertEquals(List.of(include("198.18.4.8/30", "dns")), RouteAggregator.aggregate(eight.stream()
                .filter(route -> route.prefix().address().compareTo(IpAddress.parse("198.18.4.12")) < 0).toList()));
    }

    @Test
    @DisplayName("the result is in order kind, family, address, length whatever the input order")
    void deterministicOrder() {
        List<Route> routes = new ArrayList<>(List.of(
                exclude("2001:db8:5::/48", "f"), exclude("10.9.0.0/16", "f"), include("2001:db8::/32", "s"),
                include("198.18.0.0/15", "s"), include("10.0.0.0/8", "f"), include("172.16.0.0/12", "f")));
        List<Route> expected = List.of(include("10.0.0.0/8", "f"), include("172.16.0.0/12", "f"),
                include("198.18.0.0/15", "s"), include("2001:db8::/32", "s"), exclude("10.9.0.0/16", "f"),
                exclude("2001:db8:5::/48", "f"));
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(routes, new Random(seed));
            assertEquals(expected, RouteAggregator.aggregate(routes), "seed " + seed);
        }
        assertEquals(List.of(), RouteAggregator.aggregate(List.of()));
    }

    @Test
    @DisplayName("4096 host routes of one /20 become that /20; 4096 scattered ones stay 4096 (one sort and one pass)")
    void aFewThousandRoutesAreFast() {
        List<Route> dense = new ArrayList<>();
        List<Route> sparse = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            dense.add(include("198.18." + (16 + i / 256) + "." + (i % 256) + "/32", "dns:" + (i % 7)));
            sparse.add(include("198.19." + (i / 128) + "." + (2 * (i % 128)) + "/32", "dns"));
        }
        Collections.shuffle(dense, new Random(1));
        Collections.shuffle(sparse, new Random(2));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            List<Route> merged = RouteAggregator.aggregate(dense);
            assertEquals(1, merged.size());
            assertEquals(IpPrefix.parse("198.18.16.0/20"), merged.getFirst().prefix());
            assertEquals("dns:0, dns:1, dns:2, dns:3, dns:4, dns:5, dns:6", merged.getFirst().source());
            assertEquals(4096, RouteAggregator.aggregate(sparse).size());
        });
    }

    @Test
    @DisplayName("RFC 4632 §3.1: siblings are the two halves of one prefix and nothing else")
    void siblingTest() {
        assertTrue(RouteAggregator.siblings(IpPrefix.parse("10.0.0.0/9"), IpPrefix.parse("10.128.0.0/9")));
        assertFalse(RouteAggregator.siblings(IpPrefix.parse("10.128.0.0/9"), IpPrefix.parse("10.0.0.0/9")));
        assertFalse(RouteAggregator.siblings(IpPrefix.parse("10.0.0.0/9"), IpPrefix.parse("10.0.0.0/9")));
        assertFalse(RouteAggregator.siblings(IpPrefix.parse("10.0.0.0/9"), IpPrefix.parse("10.128.0.0/10")));
        assertFalse(RouteAggregator.siblings(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("0.0.0.0/0")));
        assertFalse(RouteAggregator.siblings(IpPrefix.parse("0.0.0.0/1"), IpPrefix.parse("::/1")));
    }
}
