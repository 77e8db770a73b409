package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ikev2} frontend's sockets and data plane: the NAT-T port (IKE with the non-ESP marker, ESP in
 * UDP, keepalives; RFC 3948) and, unless {@code singlePort}, the IKE port; one receive thread per socket;
 * the {@link EspDataplane}; and a 100 ms tick that drives the engine's timers and passes route set changes on
 * to the engine, debounced ({@link RouteChangeDebounce}), so connected clients get the new traffic selectors
 * pushed. The IKE state machines live in the {@link IkeEngine} that {@link IkeEngineFactory} makes.
 */
public final class Ikev2Frontend implements Frontend {
    private static final Logger log = LoggerFactory.getLogger(Ikev2Frontend.class);
    static final Duration TICK = Duration.ofMillis(100);
    /**
     * SPI, sequence number and the longest IV (AES-CBC's 16 bytes, RFC 3602 §3): what encrypt prepends in
     * place. ESP in UDP needs nothing more in the buffer (RFC 3948 §2.1: no marker; the kernel adds UDP).
     */
    private static final int MAX_ESP_HEADER = 8 + 16;

    private final Ikev2Config config;
    private final FrontendContext context;
    private final IkeEngineFactory engineFactory;
    private final FrontendCounters counters;
    private final ContextEnvironment environment;
    private final List<UdpEndpoint> endpoints = new ArrayList<>();
    private volatile EspDataplane dataplane;
    private volatile IkeEngine engine;
    private Scheduler.Cancellable tick;
    private RouteRegistry.Subscription routeSubscription;
    private volatile RouteChangeDebounce routeChanges;

    public Ikev2Frontend(Ikev2Config config, FrontendContext context, IkeEngineFactory engineFactory) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
        this.engineFactory = Objects.requireNonNull(engineFactory, "engineFactory");
        this.counters = new FrontendCounters(context.metrics());
        this.environment = new ContextEnvironment(context);
    }

    @Override
    public void start() throws IOException {
        int headroom = context.buffers().headroom();
        if (headroom < MAX_ESP_HEADER) {
            throw new IllegalStateException("packet buffers have " + headroom + " bytes of headroom; ESP needs "
                    + MAX_ESP_HEADER + " (SPI, sequence number, IV)");
        }
        var address = config.listenAddress().toInetAddress();
        endpoints.add(UdpEndpoint.bind(new InetSocketAddress(address, config.natPort())));
        if (!config.singlePort()) {
            endpoints.add(UdpEndpoint.bind(new InetSocketAddress(address, config.ikePort())));
        }
        SocketTransport transport = new SocketTransport(endpoints, counters);
        EspDataplane plane = new EspDataplane(context.router(), context.time(), transport, counters);
        dataplane = plane;
        DatagramDispatcher dispatcher = new DatagramDispatcher(plane, counters);
        List<InetSocketAddress> locals = endpoints.stream().map(UdpEndpoint::local).toList();
        engine = engineFactory.create(
                new IkeEngineFactory.Bindings(config, context, transport, plane, environment, locals));
        dispatcher.engine(engine);
        plane.onRebinding(engine::espPeerMoved);
        for (UdpEndpoint endpoint : endpoints) {
            endpoint.start("ikev2-" + context.componentName() + "-" + endpoint.port(), context.buffers(), dispatcher);
        }
        RouteChangeDebounce debounce = new RouteChangeDebounce(context.routes().current().version());
        routeChanges = debounce;
        routeSubscription = context.routes().subscribe(
                set -> debounce.changed(set.version(), context.time().nanoTime()));
        tick = context.scheduler().scheduleWithFixedDelay(TICK, TICK, this::tick);
        log.info("ikev2 frontend {} listening on {}", context.componentName(), locals);
    }

    private void tick() {
        IkeEngine current = engine;
        if (current == null) {
            return;
        }
        long now = context.time().nanoTime();
        current.tick(now);
        RouteChangeDebounce debounce = routeChanges;
        if (debounce != null && debounce.due(now)) {
            log.debug("ikev2 frontend {}: route set changed, checking the clients' traffic selectors",
                    context.componentName());
            current.routesChanged();
        }
    }

    /** The bound sockets, NAT-T (or single) port first; empty before {@link #start}. */
    public List<InetSocketAddress> localEndpoints() {
        return endpoints.stream().map(UdpEndpoint::local).toList();
    }

    @Override
    public List<? extends ClientSession> sessions() {
        EspDataplane plane = dataplane;
        return plane == null ? List.of() : plane.sessions();
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sockets", localEndpoints().stream().map(String::valueOf).toList());
        EspDataplane plane = dataplane;
        out.put("sessions", plane == null ? 0 : plane.sessions().size());
        out.put("childSas", plane == null ? 0 : plane.childSaCount());
        out.put("clients", plane == null ? List.of() : plane.clientStatus());
        out.put("leasedAddresses", environment.leased());
        out.putAll(counters.snapshot());
        IkeEngine current = engine;
        out.put("engine", current == null ? Map.of() : current.status());
        return out;
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel();
        }
        if (routeSubscription != null) {
            routeSubscription.close();
        }
        IkeEngine current = engine;
        if (current != null) {
            // Before the sockets close, so its Deletes can still go out.
            try {
                current.close();
            } catch (RuntimeException e) {
                log.warn("IKE engine failed to close: {}", e.toString(), e);
            }
        }
        EspDataplane plane = dataplane;
        if (plane != null) {
            plane.close();
        }
        environment.close();
        endpoints.forEach(UdpEndpoint::close);
    }
}
