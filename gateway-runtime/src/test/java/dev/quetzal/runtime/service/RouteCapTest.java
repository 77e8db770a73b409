package dev.quetzal.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The route cap (issue 6: route sets are "capped in size with a clear warning"): the widest RFC 4632
 * prefixes stay, the most specific are left out, excludes before includes of the same length.
 */
final class RouteCapTest {
    private static Route include(String prefix) {
        return Route.include(IpPrefix.parse(prefix), "s");
    }

    private static Route exclude(String prefix) {
        return Route.exclude(IpPrefix.parse(prefix), "s");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("a set within the cap is kept whole and nothing is left out",
                        List.of(include("10.0.0.0/8"), include("198.18.0.1/32")), 2,
                        List.of(include("10.0.0.0/8"), include("198.18.0.1/32")), List.of()),
                // Lengths compare across families: the IPv4 /28 is kept before the IPv6 /32.
                arguments("over the cap the shortest prefixes stay in aggregation order; the longest are left out, widest first",
                        List.of(include("10.0.0.0/8"), include("198.18.0.1/32"), include("198.18.0.64/28"),
                                include("2001:db8::/32"), include("2001:db9::1/128"), include("172.16.0.0/12")), 3,
                        List.of(include("10.0.0.0/8"), include("172.16.0.0/12"), include("198.18.0.64/28")),
                        List.of(include("198.18.0.1/32"), include("2001:db8::/32"), include("2001:db9::1/128"))),
                arguments("at equal length an exclude stays before an include, so no traffic meant to stay out enters the tunnel",
                        List.of(include("198.19.0.0/16"), exclude("10.9.0.0/16"), include("10.0.0.0/8")), 2,
                        List.of(include("10.0.0.0/8"), exclude("10.9.0.0/16")),
                        List.of(include("198.19.0.0/16"))),
                arguments("the same input always gives the same cut, whatever the tie",
                        List.of(include("198.18.0.7/32"), include("198.18.0.1/32"), include("198.18.0.3/32")), 1,
                        List.of(include("198.18.0.1/32")),
                        List.of(include("198.18.0.3/32"), include("198.18.0.7/32"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void capsTheAggregatedSet(String rule, List<Route> routes, int maxRoutes, List<Route> kept, List<Route> leftOut) {
        RouteCap.Capped capped = RouteCap.apply(RouteAggregator.aggregate(routes), maxRoutes);

        assertEquals(kept, capped.kept(), rule);
        assertEquals(leftOut, capped.leftOut(), rule);
    }

    @Test
    void refusesANegativeCap() {
        assertEquals("expected maxRoutes >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> RouteCap.apply(List.of(), -1)).getMessage());
    }
}
