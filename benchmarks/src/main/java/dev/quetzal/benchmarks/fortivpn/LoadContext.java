package dev.quetzal.benchmarks.fortivpn;

import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.service.DefaultScheduler;
import dev.quetzal.runtime.service.SerialEvents;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The runtime services a backend needs, with a router that only counts and releases what the backend
 * receives: the load harness measures the backend and the emulator, not the rest of the gateway.
 */
final class LoadContext implements BackendContext, AutoCloseable {
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketBufferPool buffers = new DefaultPacketBufferPool(4096, 128, 2048, metrics.global());
    private final DefaultScheduler scheduler = new DefaultScheduler();
    private final SerialEvents events = new SerialEvents();
    private final DefaultRouteRegistry routes = new DefaultRouteRegistry(events);
    private final SecureRandom random = new SecureRandom();
    private final LongAdder received = new LongAdder();
    private final AtomicReference<BackendState> state = new AtomicReference<>(new BackendState.Disconnected("new"));
    private final PacketRouter router = new PacketRouter() {
        @Override
        public void fromClient(ClientSession session, PacketBuffer packet) {
            packet.release();
        }

        @Override
        public void fromNetwork(PacketBuffer packet) {
            received.increment();
            packet.release();
        }

        @Override
        public Attachment attach(ClientSession session) {
            throw new UnsupportedOperationException("the load harness has no client sessions");
        }
    };

    @Override
    public String componentName() {
        return "fortivpn";
    }

    @Override
    public PacketRouter router() {
        return router;
    }

    @Override
    public PacketBufferPool buffers() {
        return buffers;
    }

    @Override
    public TimeSource time() {
        return TimeSource.SYSTEM;
    }

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public Metrics metrics() {
        return metrics.forComponent(componentName());
    }

    @Override
    public RouteRegistry routes() {
        return routes;
    }

    @Override
    public void publishState(BackendState newState) {
        state.set(newState);
    }

    long received() {
        return received.sum();
    }

    MetricsRegistry registry() {
        return metrics;
    }

    /** Waits until the backend published Connected, or fails with the last state it published. */
    void awaitConnected(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!state.get().isConnected()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("backend not connected after " + limit + ": " + state.get());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        scheduler.close();
        events.close();
    }
}
