package dev.quetzal.plugin.tun;

import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultAddressPool;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A backend's runtime services for tests: real metrics, buffer pool and address pool from the
 * runtime; a router that keeps a copy of every packet from the network; recorded states and routes.
 */
final class TestBackendContext implements BackendContext {
    final MetricsRegistry registry = new MetricsRegistry();
    final Metrics metrics = registry.forComponent("tun");
    final DefaultPacketBufferPool pool;
    final AddressPool addressPool;
    final BlockingQueue<byte[]> fromNetwork = new LinkedBlockingQueue<>();
    final List<BackendState> states = new CopyOnWriteArrayList<>();
    /** The same states, for a test to wait on. */
    final BlockingQueue<BackendState> stateEvents = new LinkedBlockingQueue<>();
    final Map<String, List<Route>> routes = new ConcurrentHashMap<>();
    final List<String> routePublications = new CopyOnWriteArrayList<>();

    TestBackendContext(IpPrefix ipv4Pool, IpPrefix ipv6Pool) {
        this.pool = new DefaultPacketBufferPool(16, 64, 2048, registry.global());
        this.addressPool = new DefaultAddressPool(ipv4Pool, ipv6Pool);
    }

    TestBackendContext() {
        this(IpPrefix.parse("198.18.211.0/24"), null);
    }

    @Override
    public String componentName() {
        return "tun";
    }

    @Override
    public PacketBufferPool buffers() {
        return pool;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public AddressPool addressPool() {
        return addressPool;
    }

    @Override
    public void publishState(BackendState state) {
        states.add(state);
        stateEvents.add(state);
    }

    @Override
    public PacketRouter router() {
        return new PacketRouter() {
            @Override
            public void fromClient(ClientSession session, PacketBuffer packet) {
                packet.release();
                throw new AssertionError("a backend never sends towards the network through the router");
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
    public RouteRegistry routes() {
        return new RouteRegistry() {
            @Override
            public void publish(String source, Collection<Route> published) {
                routePublications.add(source + ":" + published.size());
                routes.put(source, List.copyOf(published));
            }

            @Override
            public RouteSet current() {
                List<Route> all = new ArrayList<>();
                routes.values().forEach(all::addAll);
                return new RouteSet(routePublications.size(), all);
            }

            @Override
            public Subscription subscribe(Consumer<RouteSet> listener) {
                throw new UnsupportedOperationException("subscribe");
            }
        };
    }

    /** The value of one of the backend's counters, by its labels. */
    long counter(String name, String... labels) {
        Map<String, String> wanted = new java.util.HashMap<>();
        wanted.put("component", "tun");
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return registry.samples().stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .mapToLong(MetricsRegistry.Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " " + wanted));
    }
}
