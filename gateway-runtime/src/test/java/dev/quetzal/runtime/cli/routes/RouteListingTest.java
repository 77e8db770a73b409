package dev.quetzal.runtime.cli.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@code quetzal routes} prints (issue 6: "the status endpoint shows the current route set and
 * where each route came from"): one line per route with RFC 4632 prefix, kind and source, then the
 * RFC 8598 split-DNS domains.
 */
final class RouteListingTest {
    @Test
    void splitTunnel() {
        assertEquals("""
                route set version 7: split tunnel, 5 routes
                10.0.0.0/8        include  fortivpn
                198.18.7.0/31     include  split-dns:a.corp.example, split-dns:b.corp.example
                2001:db8:42::/48  include  static
                10.9.0.0/16       exclude  fortivpn
                192.0.2.0/24      exclude  fortivpn
                DNS domains: corp.example, intranet.example
                """, RouteListing.render(Fixtures.routes("split.json")));
    }

    @Test
    @DisplayName("full tunnel says so; routes the cap left out are counted")
    void fullTunnelAndLeftOut() {
        assertEquals("""
                route set version 2: full tunnel (no include routes: everything goes through the tunnel), 1 route
                10.9.0.0/16  exclude  fortivpn
                DNS domains: none
                """, RouteListing.render(Fixtures.routes("full-tunnel.json")));
        assertEquals("""
                route set version 3: split tunnel, 1 route
                198.18.7.1/32  include  split-dns:a.corp.example
                2 more routes left out over the gateway's routes.maxRoutes (see its log)
                DNS domains: corp.example
                """, RouteListing.render(Fixtures.routes("disconnected.json")));
    }
}
