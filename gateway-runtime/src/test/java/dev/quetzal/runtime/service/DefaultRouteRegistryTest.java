package dev.quetzal.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Route sets merged from several publishers, in version order; with no include route the gateway is
 * a full tunnel (the traffic selector 0.0.0.0-255.255.255.255 of RFC 7296 §3.13.1).
 */
final class DefaultRouteRegistryTest {
    private final SerialEvents events = new SerialEvents();
    private final DefaultRouteRegistry registry = new DefaultRouteRegistry(events);

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void mergesPublishersAndNotifiesInOrder() throws Exception {
        BlockingQueue<RouteRegistry.RouteSet> seen = new ArrayBlockingQueue<>(16);
        RouteRegistry.Subscription subscription = registry.subscribe(seen::add);
        assertTrue(seen.poll(1, TimeUnit.SECONDS).isFullTunnel());

        Route corp = Route.include(IpPrefix.parse("10.0.0.0/8"), "fortivpn");
        Route dns = Route.include(IpPrefix.parse("198.18.5.5/32"), "split-dns:corp.example");
        registry.publish("fortivpn", List.of(corp));
        registry.publish("split-dns", List.of(dns));
        RouteRegistry.RouteSet first = seen.poll(1, TimeUnit.SECONDS);
        RouteRegistry.RouteSet second = seen.poll(1, TimeUnit.SECONDS);
        assertEquals(1, first.version());
        assertEquals(List.of(corp), first.routes());
        assertEquals(2, second.version());
        assertEquals(List.of(corp, dns), second.routes());
        assertFalse(second.isFullTunnel());

        registry.publish("split-dns", List.of(dns));
        registry.publish("fortivpn", List.of());
        RouteRegistry.RouteSet third = seen.poll(1, TimeUnit.SECONDS);
        assertEquals(3, third.version(), "an unchanged publish must not notify");
        assertEquals(List.of(dns), third.routes());

        subscription.close();
        registry.publish("fortivpn", List.of(corp));
        assertNull(seen.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(4, registry.current().version());
    }

    @Test
    void excludeRoutesAloneStillMeanFullTunnel() {
        registry.publish("fortivpn", List.of(Route.exclude(IpPrefix.parse("10.9.0.0/16"), "fortivpn")));
        assertTrue(registry.current().isFullTunnel());
    }
}
