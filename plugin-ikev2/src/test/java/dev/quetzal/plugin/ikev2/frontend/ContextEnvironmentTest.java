package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.RouteRegistry.RouteSet;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the engine offers in a CFG_REPLY (RFC 7296 §3.15, RFC 8598) and narrows TSr to (§2.9), from the runtime. */
final class ContextEnvironmentTest {
    private final TestContext context = new TestContext();
    private final ContextEnvironment environment = new ContextEnvironment(context);

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    @DisplayName("RFC 7296 §3.15.1: INTERNAL_IP4/IP6_ADDRESS come from the pool and go back on release")
    void addressesComeFromThePool() {
        IpAddress v4 = environment.allocateIpv4("client1@vpn.test").orElseThrow();
        IpAddress v6 = environment.allocateIpv6("client1@vpn.test").orElseThrow();
        assertTrue(IpPrefix.parse("100.64.0.0/24").contains(v4));
        assertTrue(IpPrefix.parse("fd00::/64").contains(v6));
        assertEquals(2, environment.leased());
        environment.release(v4);
        environment.release(v4);
        assertEquals(1, environment.leased());
        environment.close();
        assertEquals(0, environment.leased());
        assertEquals(Optional.of(v4), environment.allocateIpv4("client1@vpn.test"), "a returning client keeps its address");
    }

    @Test
    @DisplayName("RFC 7296 §3.15.1, RFC 8598: DNS servers and domains only while the uplink is connected")
    void dnsFromTheUplink() throws Exception {
        assertEquals(List.of(), environment.dnsServers());
        UplinkInfo info = new UplinkInfo(List.of(IpAddress.parse("198.18.0.2")), List.of(IpAddress.parse("198.18.0.53")),
                List.of("corp.example"), List.of(), 1400);
        context.uplink.publish(new BackendState.Connected(info));
        assertEquals(List.of(IpAddress.parse("198.18.0.53")), environment.dnsServers());
        assertEquals(List.of("corp.example"), environment.dnsDomains());
    }

    @Test
    @DisplayName("RFC 8598 §3: INTERNAL_DNS_DOMAIN is the registry's split-DNS domains, then the uplink's suffixes, each"
            + " once without regard to case or a trailing dot, in that order")
    void dnsDomainsFromRoutesAndUplink() {
        RouteSet set = new RouteSet(7, List.of(), List.of("intranet.example", "corp.example"));
        context.registry = new RouteRegistry() {
            @Override
            public void publish(String source, Collection<Route> routes) {
                throw new UnsupportedOperationException("read-only in this test");
            }

            @Override
            public RouteSet current() {
                return set;
            }

            @Override
            public Subscription subscribe(Consumer<RouteSet> listener) {
                listener.accept(set);
                return () -> { };
            }
        };
        assertEquals(List.of("intranet.example", "corp.example"), environment.dnsDomains(), "uplink not connected");
        UplinkInfo info = new UplinkInfo(List.of(IpAddress.parse("198.18.0.2")), List.of(IpAddress.parse("198.18.0.53")),
                List.of("Corp.Example.", "lab.example", "LAB.example", " "), List.of(), 1400);
        context.uplink.publish(new BackendState.Connected(info));
        assertEquals(List.of("intranet.example", "corp.example", "lab.example"), environment.dnsDomains());
    }

    @Test
    @DisplayName("RFC 7296 §2.9: the routes the runtime publishes are what TSr is narrowed to")
    void routesFromTheRegistry() {
        Route route = Route.include(IpPrefix.parse("198.18.0.0/16"), "backend");
        context.routes.publish("backend", List.of(route));
        assertEquals(List.of(route), environment.routes());
    }
}
