package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.api.service.UplinkStatus;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultAddressPool;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.router.DefaultPacketRouter;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.service.DefaultUplinkStatus;
import dev.quetzal.runtime.service.SerialEvents;
import dev.quetzal.runtime.testing.ManualClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A frontend context made of the runtime's real router, buffer pool, address pool, metrics and route
 * registry, a manual clock, and a backend that keeps a copy of every packet the router hands it.
 */
final class TestContext implements FrontendContext, AutoCloseable {
    final MetricsRegistry metricsRegistry = new MetricsRegistry();
    final DefaultPacketRouter router = new DefaultPacketRouter(metricsRegistry);
    final DefaultPacketBufferPool pool = new DefaultPacketBufferPool(256, 128, 2048, metricsRegistry.global());
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T00:00:00Z"));
    final SerialEvents events = new SerialEvents();
    final DefaultRouteRegistry routes = new DefaultRouteRegistry(events);
    /** What {@link #routes()} answers: the runtime's registry unless a test puts in its own. */
    volatile RouteRegistry registry = routes;
    final DefaultUplinkStatus uplink = new DefaultUplinkStatus(events);
    final AddressPool addresses = new DefaultAddressPool(IpPrefix.parse("100.64.0.0/24"), IpPrefix.parse("fd00::/64"));
    final BlockingQueue<byte[]> toNetwork = new LinkedBlockingQueue<>();
    private final Metrics metrics = metricsRegistry.forComponent("ikev2");
    private final SecureRandom random = new SecureRandom();

    TestContext() {
        router.bind(List.of(), new Backend() {
            @Override
            public void send(PacketBuffer packet) {
                toNetwork.add(packet.toByteArray());
                packet.release();
            }

            @Override
            public BackendState state() {
                return new BackendState.Disconnected("test");
            }

            @Override
            public void close() {}
        });
    }

    /** The next packet the backend got, or null after 5 s. */
    byte[] nextToNetwork() throws InterruptedException {
        return toNetwork.poll(5, TimeUnit.SECONDS);
    }

    /** Sends {@code packet} in from the network side, as a backend would. */
    void fromNetwork(byte[] packet) {
        PacketBuffer buffer = pool.acquire();
        buffer.append(packet, 0, packet.length);
        router.fromNetwork(buffer);
    }

    /** A counter's value by name and label pair, from this component's metrics. */
    long counter(String name, String... labels) {
        return metrics.counter(name, "", labels).value();
    }

    long dropped(String reason) {
        return counter("quetzal_ikev2_esp_dropped_total", "reason", reason);
    }

    @Override
    public String componentName() {
        return "ikev2";
    }

    @Override
    public PacketRouter router() {
        return router;
    }

    @Override
    public PacketBufferPool buffers() {
        return pool;
    }

    @Override
    public AddressPool addressPool() {
        return addresses;
    }

    @Override
    public TimeSource time() {
        return clock;
    }

    @Override
    public Scheduler scheduler() {
        return clock;
    }

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public RouteRegistry routes() {
        return registry;
    }

    @Override
    public UplinkStatus uplink() {
        return uplink;
    }

    @Override
    public void close() {
        router.unbind();
        events.close();
    }
}
