package dev.quetzal.interop.nat64;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
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
import dev.quetzal.tun.TunDevice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Function;

/**
 * A minimal gateway data path for one client around one packet filter: what the client's TUN
 * device gives goes through {@link PacketFilter#outbound} to the network's TUN device, and back
 * through {@link PacketFilter#inbound}; REPLY turns a packet around, inject sends the filter's own
 * packets on. Two platform threads read the devices (reads block in the kernel).
 */
final class FilterPump implements AutoCloseable {
    private static final int HEADROOM = 128;
    private static final int CAPACITY = 4096;

    private final TunDevice client;
    private final TunDevice network;
    private final ClientSession session;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pump-timer").factory());
    private final AtomicLong outbound = new AtomicLong();
    private final AtomicLong inbound = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile PacketFilter filter;
    private Thread clientReader;
    private Thread networkReader;

    FilterPump(TunDevice client, TunDevice network, List<IpAddress> clientAddresses) {
        this.client = client;
        this.network = network;
        this.session = new Session(clientAddresses);
    }

    /** Creates the filter with this pump's context, starts it and the readers. */
    PacketFilter start(Function<FilterContext, PacketFilter> factory, BackendState uplink) throws Exception {
        filter = factory.apply(new Context(uplink));
        filter.start();
        clientReader = Thread.ofPlatform().daemon().name("pump-client").start(() -> pump(client, true));
        networkReader = Thread.ofPlatform().daemon().name("pump-network").start(() -> pump(network, false));
        return filter;
    }

    long outboundPackets() {
        return outbound.get();
    }

    long inboundPackets() {
        return inbound.get();
    }

    long failures() {
        return failures.get();
    }

    private void pump(TunDevice from, boolean fromClient) {
        byte[] bytes = new byte[TunDevice.MAX_PACKET];
        while (true) {
            int n;
            try {
                n = from.read(bytes, 0, bytes.length);
            } catch (IOException e) {
                return;
            }
            if (n < 0) {
                return;
            }
            if (n > CAPACITY) {
                continue;
            }
            PacketBuffer packet = PacketBuffer.allocate(HEADROOM, CAPACITY);
            packet.append(bytes, 0, n);
            Verdict verdict;
            if (fromClient) {
                outbound.incrementAndGet();
                verdict = filter.outbound(packet, session);
            } else {
                inbound.incrementAndGet();
                verdict = filter.inbound(packet);
            }
            switch (verdict) {
                case Verdict.Pass pass -> send(fromClient ? Direction.OUTBOUND : Direction.INBOUND, packet);
                case Verdict.Reply reply -> send(fromClient ? Direction.INBOUND : Direction.OUTBOUND, packet);
                case Verdict.Consumed consumed -> { }
                case Verdict.Drop drop -> { }
            }
        }
    }

    /** Outbound: only IPv4 reaches the IPv4-only network (router solicitations and the like stay behind). */
    private void send(Direction direction, PacketBuffer packet) {
        TunDevice to = direction == Direction.OUTBOUND ? network : client;
        if (direction == Direction.OUTBOUND && packet.ipVersion() != 4) {
            return;
        }
        try {
            to.write(packet.array(), packet.arrayOffset(), packet.length());
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void close() throws Exception {
        PacketFilter current = filter;
        if (current != null) {
            current.close();
        }
        timers.shutdownNow();
        client.close();
        network.close();
        for (Thread reader : new Thread[] {clientReader, networkReader}) {
            if (reader != null) {
                reader.join(Duration.ofSeconds(2));
            }
        }
    }

    private final class Context implements FilterContext {
        private final BackendState uplink;

        Context(BackendState uplink) {
            this.uplink = uplink;
        }

        @Override
        public String componentName() {
            return "nat64";
        }

        @Override
        public void inject(Direction direction, PacketBuffer packet, ClientSession target) {
            send(direction, packet);
        }

        @Override
        public TimeSource time() {
            return TimeSource.SYSTEM;
        }

        @Override
        public PacketBufferPool buffers() {
            return new PacketBufferPool() {
                @Override
                public int headroom() {
                    return HEADROOM;
                }

                @Override
                public int capacity() {
                    return CAPACITY;
                }

                @Override
                public PacketBuffer acquire() {
                    return PacketBuffer.allocate(HEADROOM, CAPACITY);
                }

                @Override
                public void release(PacketBuffer buffer) {}
            };
        }

        @Override
        public Metrics metrics() {
            return new Metrics() {
                @Override
                public Counter counter(String name, String help, String... labels) {
                    AtomicLong value = new AtomicLong();
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

        @Override
        public RouteRegistry routes() {
            return new RouteRegistry() {
                @Override
                public void publish(String source, Collection<Route> routes) {}

                @Override
                public RouteSet current() {
                    return new RouteSet(1, List.of());
                }

                @Override
                public Subscription subscribe(Consumer<RouteSet> listener) {
                    return () -> {};
                }
            };
        }

        @Override
        public UplinkStatus uplink() {
            return new UplinkStatus() {
                @Override
                public BackendState current() {
                    return uplink;
                }

                @Override
                public RouteRegistry.Subscription subscribe(Consumer<BackendState> listener) {
                    listener.accept(uplink);
                    return () -> {};
                }
            };
        }

        @Override
        public Scheduler scheduler() {
            return new Scheduler() {
                @Override
                public Cancellable schedule(Duration delay, Runnable task) {
                    var future = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                    return () -> future.cancel(false);
                }

                @Override
                public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
                    var future = timers.scheduleWithFixedDelay(task, initialDelay.toNanos(), period.toNanos(),
                            TimeUnit.NANOSECONDS);
                    return () -> future.cancel(false);
                }

                @Override
                public Executor blockingExecutor() {
                    return Thread::startVirtualThread;
                }
            };
        }
    }

    private record Session(List<IpAddress> innerAddresses) implements ClientSession {
        @Override
        public String id() {
            return "dig";
        }

        @Override
        public String identity() {
            return "dig";
        }

        @Override
        public InetSocketAddress remoteEndpoint() {
            return new InetSocketAddress("127.0.0.1", 4500);
        }

        @Override
        public void deliver(PacketBuffer packet) {
            throw new UnsupportedOperationException("the pump writes to the client's TUN device itself");
        }
    }
}
