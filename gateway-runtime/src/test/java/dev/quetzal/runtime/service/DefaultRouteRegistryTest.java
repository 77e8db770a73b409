package dev.quetzal.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Route sets merged from several publishers, in version order; with no include route the gateway is
 * a full tunnel (the traffic selector 0.0.0.0-255.255.255.255 of RFC 7296 §3.13.1). Split-DNS domains
 * (RFC 8598 INTERNAL_DNS_DOMAIN) travel with the routes; the set is aggregated and capped (issue 6).
 */
final class DefaultRouteRegistryTest {
    private final SerialEvents events = new SerialEvents();
    private final DefaultRouteRegistry registry = new DefaultRouteRegistry(events);
    private final BlockingQueue<RouteRegistry.RouteSet> seen = new ArrayBlockingQueue<>(64);
    private final Logger logger = (Logger) LoggerFactory.getLogger(DefaultRouteRegistry.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void listen() throws InterruptedException {
        logs.start();
        logger.addAppender(logs);
        registry.subscribe(seen::add);
        assertEquals(0, seen.poll(1, TimeUnit.SECONDS).version());
    }

    @AfterEach
    void close() {
        logger.detachAppender(logs);
        events.close();
    }

    private static Route include(String prefix, String source) {
        return Route.include(IpPrefix.parse(prefix), source);
    }

    private RouteRegistry.RouteSet next() throws InterruptedException {
        RouteRegistry.RouteSet set = seen.poll(1, TimeUnit.SECONDS);
        assertTrue(set != null, "expected a notification");
        return set;
    }

    private void assertNoNotification() throws InterruptedException {
        assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "expected no notification");
    }

    private List<String> messages(Level level) {
        return logs.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void mergesPublishersAndNotifiesInOrder() throws Exception {
        Route corp = include("10.0.0.0/8", "fortivpn");
        Route dns = include("198.18.5.5/32", "split-dns:corp.example");
        registry.publish("fortivpn", List.of(corp));
        registry.publish("split-dns", List.of(dns));
        RouteRegistry.RouteSet first = next();
        RouteRegistry.RouteSet second = next();
        assertEquals(1, first.version());
        assertEquals(List.of(corp), first.routes());
        assertEquals(2, second.version());
        assertEquals(List.of(corp, dns), second.routes());
        assertFalse(second.isFullTunnel());

        registry.publish("split-dns", List.of(dns));
        registry.publish("fortivpn", List.of());
        RouteRegistry.RouteSet third = next();
        assertEquals(3, third.version(), "an unchanged publish must not notify");
        assertEquals(List.of(dns), third.routes());
    }

    @Test
    void closedSubscriptionHearsNothing() throws Exception {
        BlockingQueue<RouteRegistry.RouteSet> other = new ArrayBlockingQueue<>(4);
        RouteRegistry.Subscription subscription = registry.subscribe(other::add);
        assertEquals(0, other.poll(1, TimeUnit.SECONDS).version());
        subscription.close();

        registry.publish("fortivpn", List.of(include("10.0.0.0/8", "fortivpn")));

        assertEquals(1, next().version());
        assertNull(other.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(1, registry.current().version());
    }

    @Test
    void excludeRoutesAloneStillMeanFullTunnel() {
        registry.publish("fortivpn", List.of(Route.exclude(IpPrefix.parse("10.9.0.0/16"), "fortivpn")));
        assertTrue(registry.current().isFullTunnel());
    }

    @Test
    @DisplayName("issue 6: adjacent /32s of two publishers become one /31 that names both")
    void routesOfAllPublishersAreAggregated() throws Exception {
        registry.publish("split-dns", List.of(include("198.18.7.0/32", "split-dns:a.corp.example")));
        registry.publish("static", List.of(include("198.18.7.1/32", "static")));

        next();
        assertEquals(List.of(include("198.18.7.0/31", "split-dns:a.corp.example, static")), next().routes());
    }

    @Test
    @DisplayName("a publish that changes the publisher's routes but not the aggregated set notifies nobody")
    void unchangedAggregateIsNotANewVersion() throws Exception {
        registry.publish("fortivpn", List.of(include("10.0.0.0/8", "fortivpn")));
        assertEquals(1, next().version());

        registry.publish("fortivpn", List.of(include("10.0.0.0/8", "fortivpn"), include("10.1.2.0/24", "fortivpn")));

        assertNoNotification();
        assertEquals(1, registry.current().version());
        assertEquals(List.of(new DefaultRouteRegistry.SourceCount("fortivpn", 2, 0)), registry.status().sources());
    }

    @Test
    @DisplayName("RFC 8598 domains: lower case, no trailing dot, no duplicates, first occurrence first, publishers in name order")
    void dnsDomainsAreNormalisedAndMerged() throws Exception {
        registry.publishDnsDomains("split-dns", List.of("Intranet.Corp.Example.", "corp.example", "CORP.example"));
        registry.publishDnsDomains("fortivpn", List.of("vpn.example", "corp.example."));

        assertEquals(List.of("intranet.corp.example", "corp.example"), next().dnsDomains());
        RouteRegistry.RouteSet both = next();
        assertEquals(2, both.version());
        assertEquals(List.of("vpn.example", "corp.example", "intranet.corp.example"), both.dnsDomains());
        assertTrue(both.isFullTunnel(), "domains alone route nothing");
        assertEquals(List.of(new DefaultRouteRegistry.SourceCount("fortivpn", 0, 2),
                new DefaultRouteRegistry.SourceCount("split-dns", 0, 2)), registry.status().sources());
    }

    @Test
    @DisplayName("the same domains again, in another spelling, notify nobody; an empty list withdraws them")
    void dnsDomainsNoOpAndWithdraw() throws Exception {
        registry.publishDnsDomains("split-dns", List.of("corp.example"));
        assertEquals(1, next().version());

        registry.publishDnsDomains("split-dns", List.of("CORP.EXAMPLE."));
        registry.publishDnsDomains("nobody", List.of());
        assertNoNotification();
        assertEquals(1, registry.current().version());

        registry.publishDnsDomains("split-dns", List.of());
        RouteRegistry.RouteSet withdrawn = next();
        assertEquals(2, withdrawn.version());
        assertEquals(List.of(), withdrawn.dnsDomains());
        assertEquals(List.of(), registry.status().sources());
        assertEquals(List.of("route set version 1 (split-dns changed its DNS domains): 0 routes, DNS domains corp.example",
                "route set version 2 (split-dns changed its DNS domains): 0 routes, DNS domains none"), messages(Level.INFO));
    }

    @Test
    @DisplayName("a name that is not a DNS domain (RFC 1035 §2.3.4) is refused and changes nothing")
    void badDomainIsRefusedWithoutChange() throws Exception {
        registry.publishDnsDomains("split-dns", List.of("corp.example"));
        next();
        RouteRegistry.RouteSet before = registry.current();

        for (String bad : List.of("", ".", "a..b", "corp example", "x".repeat(64) + ".example", "bad\n.example")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> registry.publishDnsDomains("split-dns", List.of("fine.example", bad)));
            assertTrue(e.getMessage().startsWith("expected "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> registry.publishDnsDomains("split-dns", null));

        assertSame(before, registry.current());
        assertNoNotification();
    }

    @Test
    @DisplayName("issue 6: over routes.maxRoutes the most specific routes are left out with one WARN per change of the count")
    void capLeavesOutTheMostSpecificAndWarnsOnChange() throws Exception {
        DefaultRouteRegistry small = new DefaultRouteRegistry(events, 2);
        small.publish("fortivpn", List.of(include("10.0.0.0/8", "fortivpn"), include("172.16.0.0/12", "fortivpn")));
        small.publish("split-dns", List.of(include("198.18.0.1/32", "split-dns:a.corp.example")));

        assertEquals(List.of(include("10.0.0.0/8", "fortivpn"), include("172.16.0.0/12", "fortivpn")),
                small.current().routes());
        assertEquals(1, small.status().leftOut());
        assertEquals(2, small.status().maxRoutes());
        assertEquals(List.of("route set over routes.maxRoutes (2): 1 most specific route(s) left out, clients do not get"
                        + " them: 198.18.0.1/32 include (split-dns:a.corp.example); raise routes.maxRoutes or add wider"
                        + " staticRoutes that cover them"), messages(Level.WARN));

        // Another left-out route of the same count: no new warning.
        small.publish("split-dns", List.of(include("198.18.0.9/32", "split-dns:b.corp.example")));
        assertEquals(1, messages(Level.WARN).size());

        small.publish("split-dns", List.of(include("198.18.0.9/32", "s"), include("198.18.0.3/32", "s"),
                include("198.18.0.5/32", "s"), include("198.18.0.7/32", "s"), include("198.18.0.11/32", "s"),
                include("198.18.0.13/32", "s")));
        assertEquals(6, small.status().leftOut());
        assertEquals(2, messages(Level.WARN).size());
        assertTrue(messages(Level.WARN).get(1).contains(": 6 most specific route(s) left out, clients do not get them:"
                + " 198.18.0.3/32 include (s), 198.18.0.5/32 include (s), 198.18.0.7/32 include (s),"
                + " 198.18.0.9/32 include (s), 198.18.0.11/32 include (s), ...;"), messages(Level.WARN).get(1));

        small.publish("split-dns", List.of());
        assertEquals(0, small.status().leftOut());
        assertEquals(2, messages(Level.WARN).size());
        assertTrue(messages(Level.INFO).contains("route set fits within routes.maxRoutes (2) again: no route left out"));
    }

    @Test
    void refusesACapBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new DefaultRouteRegistry(events, 0));
    }
}
