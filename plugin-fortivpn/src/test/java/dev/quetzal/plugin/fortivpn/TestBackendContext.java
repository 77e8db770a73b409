package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.api.service.UserPrompts;
import dev.quetzal.runtime.service.PagePrompts;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A backend context for tests: packets from the network are copied into a queue, states and routes are
 * recorded, metrics and buffers are the runtime's own, time and timers are given (a manual clock or
 * the real ones).
 */
final class TestBackendContext implements BackendContext {
    final MetricsRegistry registry = new MetricsRegistry();
    final DefaultPacketBufferPool pool = new DefaultPacketBufferPool(512, 128, 2048, registry.global());
    final List<BackendState> states = new CopyOnWriteArrayList<>();
    final BlockingQueue<byte[]> fromNetwork = new LinkedBlockingQueue<>();
    final Map<String, List<Route>> routes = new ConcurrentHashMap<>();
    final List<List<Route>> routePublications = new CopyOnWriteArrayList<>();
    final PagePrompts prompts = new PagePrompts(new SecureRandom());
    private final TimeSource time;
    private final Scheduler scheduler;
    private final Object stateChanged = new Object();

    TestBackendContext(TimeSource time, Scheduler scheduler) {
        this.time = time;
        this.scheduler = scheduler;
    }

    @Override
    public String componentName() {
        return "fortivpn";
    }

    @Override
    public void publishState(BackendState state) {
        states.add(state);
        synchronized (stateChanged) {
            stateChanged.notifyAll();
        }
    }

    /** Waits (bounded) until a state published at index {@code from} or later matches; returns it. */
    BackendState awaitState(int from, Predicate<BackendState> match, Duration wait) throws InterruptedException {
        return states.get(awaitIndex(from, match, wait));
    }

    /** Like {@link #awaitState} but returns the matching state's index in {@link #states}. */
    int awaitIndex(int from, Predicate<BackendState> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (stateChanged) {
            while (true) {
                for (int i = from; i < states.size(); i++) {
                    if (match.test(states.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching state within " + wait + "; states: " + states);
                }
                TimeUnit.NANOSECONDS.timedWait(stateChanged, left);
            }
        }
    }

    BackendState.Connected awaitConnected(int from, Duration wait) throws InterruptedException {
        return (BackendState.Connected) awaitState(from, BackendState::isConnected, wait);
    }

    long counter(String name, String... labels) {
        return registry.samples().stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i + 1 < labels.length; i += 2) {
                        if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToLong(MetricsRegistry.Sample::value).sum();
    }

    @Override
    public PacketRouter router() {
        return new PacketRouter() {
            @Override
            public void fromClient(ClientSession session, PacketBuffer packet) {
                packet.release();
                throw new UnsupportedOperationException("fromClient");
            }

            @Override
            public void fromNetwork(PacketBuffer packet) {
                fromNetwork.add(packet.toByteArray());
                packet.release();
            }

            @Override
            public Attachment attach(ClientSession session) {
                throw new UnsupportedOperationException("attach");
            }
        };
    }

    @Override
    public PacketBufferPool buffers() {
        return pool;
    }

    @Override
    public TimeSource time() {
        return time;
    }

    @Override
    public SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Override
    public UserPrompts userPrompts() {
        return prompts;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public Metrics metrics() {
        return registry.forComponent(componentName());
    }

    @Override
    public RouteRegistry routes() {
        return new RouteRegistry() {
            @Override
            public void publish(String source, Collection<Route> published) {
                routes.put(source, List.copyOf(published));
                routePublications.add(List.copyOf(published));
            }

            @Override
            public RouteSet current() {
                return new RouteSet(routePublications.size(), routes.values().stream().flatMap(List::stream).toList());
            }

            @Override
            public Subscription subscribe(Consumer<RouteSet> listener) {
                throw new UnsupportedOperationException("subscribe");
            }
        };
    }
}
