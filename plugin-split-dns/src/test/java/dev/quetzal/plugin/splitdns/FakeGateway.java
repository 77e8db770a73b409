package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.Resolver;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.testing.ManualClock;
import dev.quetzal.api.service.UplinkStatus;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the split-dns filter sees of a gateway, all in memory and driven by hand: a clock that moves
 * only when told (running the periodic tasks that fall due), a route registry that merges sources
 * and calls subscribers at once, an uplink whose state tests set, a resolver with canned answers, and
 * the packets the filter injects.
 */
final class FakeGateway implements FilterContext {
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketBufferPool buffers = new DefaultPacketBufferPool(64, 64, 1500, metrics.global());
    final Map<String, List<Route>> sources = new TreeMap<>();
    final Map<String, List<String>> dnsDomainSources = new TreeMap<>();
    final Map<String, Integer> publishCounts = new TreeMap<>();
    final List<PacketBuffer> injectedOutbound = new ArrayList<>();
    final List<PacketBuffer> injectedInbound = new ArrayList<>();
    final List<ClientSession> injectedFor = new ArrayList<>();
    /** Host resolver answers by name; a missing name fails like an unknown host. */
    final Map<String, CompletableFuture<List<IpAddress>>> resolverAnswers = new TreeMap<>();
    private final List<Consumer<RouteRegistry.RouteSet>> routeListeners = new ArrayList<>();
    private final Uplink uplink = new Uplink();
    private long version;
    private final SecureRandom random;

    FakeGateway() {
        try {
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        random.setSeed(6);
    }

    @Override
    public String componentName() {
        return "split-dns";
    }

    long nanoTime() {
        return clock.nanoTime();
    }

    /** Moves the clock on, running the filter's sweep each second on the way. */
    void advance(Duration duration) {
        clock.advance(duration);
    }

    void setUplink(BackendState state) {
        uplink.change(state);
    }

    /** A counter of this component, from the runtime's own metrics registry. */
    long count(String name) {
        return metrics.samples().stream().filter(m -> m.name().equals(name)).mapToLong(MetricsRegistry.Sample::value).sum();
    }

    int periodicTasks() {
        return clock.pendingTasks();
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
    public Metrics metrics() {
        return metrics.forComponent(componentName());
    }

    @Override
    public PacketBufferPool buffers() {
        return buffers;
    }

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public RouteRegistry routes() {
        return new RouteRegistry() {
            @Override
            public void publish(String source, Collection<Route> routes) {
                publishCounts.merge(source, 1, Integer::sum);
                if (routes.isEmpty()) {
                    sources.remove(source);
                } else {
                    sources.put(source, List.copyOf(routes));
                }
                RouteSet set = current();
                List.copyOf(routeListeners).forEach(l -> l.accept(set));
            }

            @Override
            public void publishDnsDomains(String source, Collection<String> domains) {
                if (domains.isEmpty()) {
                    dnsDomainSources.remove(source);
                } else {
                    dnsDomainSources.put(source, List.copyOf(domains));
                }
            }

            @Override
            public RouteSet current() {
                return new RouteSet(++version, sources.values().stream().flatMap(List::stream).toList());
            }

            @Override
            public Subscription subscribe(Consumer<RouteSet> listener) {
                routeListeners.add(listener);
                listener.accept(current());
                return () -> routeListeners.remove(listener);
            }
        };
    }

    @Override
    public UplinkStatus uplink() {
        return uplink;
    }

    @Override
    public Resolver resolver() {
        return name -> resolverAnswers.getOrDefault(name,
                CompletableFuture.failedFuture(new java.net.UnknownHostException(name)));
    }

    @Override
    public void inject(Direction direction, PacketBuffer packet, ClientSession client) {
        if (direction == Direction.OUTBOUND) {
            injectedOutbound.add(packet);
        } else {
            injectedInbound.add(packet);
            injectedFor.add(client);
        }
    }

    /** A client with one inner address. */
    record Client(IpAddress address) implements ClientSession {
        @Override
        public String id() {
            return "session-" + address;
        }

        @Override
        public String identity() {
            return "client-" + address;
        }

        @Override
        public List<IpAddress> innerAddresses() {
            return List.of(address);
        }

        @Override
        public InetSocketAddress remoteEndpoint() {
            return new InetSocketAddress("127.0.0.1", 4500);
        }

        @Override
        public void deliver(PacketBuffer packet) {
            packet.release();
        }
    }

    /** The backend's state as the test sets it; listeners hear each change at once, on the test's thread. */
    private static final class Uplink implements UplinkStatus {
        private final AtomicReference<BackendState> state = new AtomicReference<>(new BackendState.Disconnected("not started"));
        private final List<Consumer<BackendState>> listeners = new CopyOnWriteArrayList<>();

        void change(BackendState next) {
            state.set(next);
            listeners.forEach(l -> l.accept(next));
        }

        @Override
        public BackendState current() {
            return state.get();
        }

        @Override
        public RouteRegistry.Subscription subscribe(Consumer<BackendState> listener) {
            listeners.add(listener);
            listener.accept(state.get());
            return () -> listeners.remove(listener);
        }
    }
}
