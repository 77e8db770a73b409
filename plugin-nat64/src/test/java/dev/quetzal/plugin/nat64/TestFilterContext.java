package dev.quetzal.plugin.nat64;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.api.service.UplinkStatus;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** The services the nat64 filter uses: metrics, routes, buffers, a manual clock and inject, all recorded. */
public final class TestFilterContext implements FilterContext {
    public final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    public final Map<String, List<Route>> published = new ConcurrentHashMap<>();
    public final List<PacketBuffer> injected = new ArrayList<>();
    /** Packets injected towards the network (DNS64's own queries). */
    public final List<PacketBuffer> injectedOutbound = new ArrayList<>();
    /** Periodic tasks scheduled (DNS64's timeout sweep); tests run them by hand. */
    public final List<Runnable> periodic = new ArrayList<>();
    public volatile BackendState uplinkState = new BackendState.Disconnected("test");
    public long nanos;

    @Override
    public String componentName() {
        return "nat64";
    }

    @Override
    public TimeSource time() {
        return new TimeSource() {
            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public long nanoTime() {
                return nanos;
            }
        };
    }

    @Override
    public Metrics metrics() {
        return new Metrics() {
            @Override
            public Counter counter(String name, String help, String... labels) {
                AtomicLong value = counters.computeIfAbsent(name + String.join(",", labels), k -> new AtomicLong());
                return new Counter() {
                    @Override
                    public void increment() {
                        value.incrementAndGet();
                    }

                    @Override
                    public void add(long delta) {
                        value.addAndGet(delta);
                    }

                    @Override
                    public long value() {
                        return value.get();
                    }
                };
            }

            @Override
            public void gauge(String name, String help, LongSupplier value, String... labels) {}
        };
    }

    /** A counter's value by name and labels, e.g. {@code count("quetzal_nat64_dropped_total", "reason", "ttl-exceeded")}. */
    public long count(String name, String... labels) {
        AtomicLong v = counters.get(name + String.join(",", labels));
        return v == null ? 0 : v.get();
    }

    @Override
    public RouteRegistry routes() {
        return new RouteRegistry() {
            @Override
            public void publish(String source, Collection<Route> routes) {
                published.put(source, List.copyOf(routes));
            }

            @Override
            public RouteSet current() {
                return new RouteSet(1, published.values().stream().flatMap(List::stream).toList());
            }

            @Override
            public Subscription subscribe(Consumer<RouteSet> listener) {
                listener.accept(current());
                return () -> {};
            }
        };
    }

    @Override
    public PacketBufferPool buffers() {
        return new PacketBufferPool() {
            @Override
            public int headroom() {
                return 128;
            }

            @Override
            public int capacity() {
                return 2048;
            }

            @Override
            public PacketBuffer acquire() {
                return PacketBuffer.allocate(128, 2048);
            }

            @Override
            public void release(PacketBuffer buffer) {}
        };
    }

    @Override
    public void inject(Direction direction, PacketBuffer packet, ClientSession client) {
        (direction == Direction.INBOUND ? injected : injectedOutbound).add(packet);
    }

    @Override
    public UplinkStatus uplink() {
        return new UplinkStatus() {
            @Override
            public BackendState current() {
                return uplinkState;
            }

            @Override
            public RouteRegistry.Subscription subscribe(Consumer<BackendState> listener) {
                listener.accept(uplinkState);
                return () -> {};
            }
        };
    }

    @Override
    public Scheduler scheduler() {
        return new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                throw new AssertionError("nat64 schedules only periodic work");
            }

            @Override
            public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
                periodic.add(task);
                return () -> periodic.remove(task);
            }

            @Override
            public Executor blockingExecutor() {
                throw new AssertionError("nat64 does no blocking work");
            }
        };
    }

    /** A client session with fixed inner addresses. */
    public record Session(String id, List<IpAddress> innerAddresses) implements ClientSession {
        public static Session of(String id, String... addresses) {
            return new Session(id, java.util.Arrays.stream(addresses).map(IpAddress::parse).toList());
        }

        @Override
        public String identity() {
            return id;
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
}
