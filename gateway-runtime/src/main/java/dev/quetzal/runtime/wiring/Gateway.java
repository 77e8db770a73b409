package dev.quetzal.runtime.wiring;

import dev.quetzal.api.Component;
import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.http.StatusServer;
import dev.quetzal.runtime.plugin.ThreadContextClassLoader;
import dev.quetzal.runtime.router.NamedFilter;
import dev.quetzal.runtime.service.SerialEvents;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, starts and stops the configured components around the runtime services.
 *
 * <p>Order: the backend, then the filters in config order, then the frontends, then the status
 * endpoint; stopping runs in reverse. When anything fails to be created or started, everything
 * created so far is closed in reverse before the error is reported. {@link #stop()} is bounded by the
 * config's {@code shutdownTimeout}: a component that hangs in {@code close} is reported and left
 * behind.
 */
public final class Gateway {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final LoadedConfig config;
    private final RuntimeServices services;
    private final Scheduler scheduler;
    private final SerialEvents events;
    private final StatusServer statusServer;
    private final List<RunningComponent> components = new ArrayList<>();
    private boolean started;
    private boolean stopped;

    @Inject
    public Gateway(
            LoadedConfig config,
            RuntimeServices services,
            Scheduler scheduler,
            SerialEvents events,
            StatusServer statusServer) {
        this.config = config;
        this.services = services;
        this.scheduler = scheduler;
        this.events = events;
        this.statusServer = statusServer;
    }

    /** Creates and starts everything; on failure nothing is left running. */
    public synchronized void start() throws GatewayStartException {
        if (started) {
            throw new IllegalStateException("gateway already started");
        }
        started = true;
        long begin = System.nanoTime();
        try {
            create();
            bindRouter();
            services.napt().start();
            for (RunningComponent running : components) {
                startOne(running);
            }
            statusServer.start(this);
        } catch (GatewayStartException | RuntimeException e) {
            log.debug("start failed, cleaning up", e);
            stopNow();
            throw e instanceof GatewayStartException g ? g : new GatewayStartException("start failed: " + e, e);
        }
        log.info("gateway started in {} ms: backend {}, {} filter(s), {} frontend(s)",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), config.backend().name(),
                config.filters().size(), config.frontends().size());
    }

    /** Stops everything in reverse order within the shutdown timeout; returns false when something hung. */
    public boolean stop() {
        synchronized (this) {
            if (stopped) {
                return true;
            }
        }
        Duration timeout = config.settings().shutdownTimeout();
        FutureTask<Boolean> task = new FutureTask<>(this::stopNow);
        Thread stopper = Thread.ofPlatform().name("quetzal-stop").daemon().start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error("stop did not finish within {}; still closing: {}", timeout, stopper.getStackTrace().length > 0
                    ? stopper.getStackTrace()[0] : "?");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            log.error("stop failed", e.getCause());
            return false;
        }
    }

    /** Components in start order, for the status endpoint. */
    public synchronized List<RunningComponent> components() {
        return List.copyOf(components);
    }

    /** The status endpoint's host:port once started, or null when it is disabled. */
    public String statusAddress() {
        return statusServer.hostPort();
    }

    /** The status page's address (with its access token when one is needed), or null when it is disabled. */
    public String statusPageUrl() {
        return statusServer.pageUrl();
    }

    public LoadedConfig config() {
        return config;
    }

    public RuntimeServices services() {
        return services;
    }

    private void create() throws GatewayStartException {
        List<ComponentSpec> filters = config.filters();
        add(config.backend(), -1);
        for (int i = 0; i < filters.size(); i++) {
            add(filters.get(i), i);
        }
        for (ComponentSpec frontend : config.frontends()) {
            add(frontend, -1);
        }
    }

    private void add(ComponentSpec spec, int filterIndex) throws GatewayStartException {
        ComponentContext context = new ComponentContext(spec.kind(), spec.name(), services, filterIndex);
        Component component;
        try (var ignored = new ThreadContextClassLoader(spec.plugin().classLoader())) {
            component = switch (spec.plugin().factory()) {
                case FrontendFactory<?> f -> createWith(f, spec.config(), context);
                case BackendFactory<?> b -> createWith(b, spec.config(), context);
                case PacketFilterFactory<?> p -> createWith(p, spec.config(), context);
                default -> throw new IllegalStateException("unknown factory kind " + spec.plugin().factory());
            };
        } catch (Exception e) {
            throw new GatewayStartException(spec.kind().label() + " " + spec.name() + " (" + spec.type()
                    + " from " + spec.plugin().source() + ") could not be created: " + e, e);
        }
        if (component == null) {
            throw new GatewayStartException(spec.kind().label() + " " + spec.name() + ": factory returned null", null);
        }
        components.add(new RunningComponent(spec, component));
        log.debug("created {}", spec.name());
    }

    // The factory's config type was checked when the config was bound, so the cast is safe.
    @SuppressWarnings("unchecked")
    private static <C extends Record> Frontend createWith(FrontendFactory<C> factory, Record config,
            ComponentContext context) throws Exception {
        return factory.create((C) config, context);
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> Backend createWith(BackendFactory<C> factory, Record config,
            ComponentContext context) throws Exception {
        return factory.create((C) config, context);
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> PacketFilter createWith(PacketFilterFactory<C> factory, Record config,
            ComponentContext context) throws Exception {
        return factory.create((C) config, context);
    }

    private void bindRouter() {
        Backend backend = null;
        String backendName = "(none)";
        List<NamedFilter> filters = new ArrayList<>();
        for (RunningComponent running : components) {
            switch (running.component()) {
                case Backend b -> {
                    backend = b;
                    backendName = running.spec().name();
                }
                case PacketFilter f -> filters.add(new NamedFilter(running.spec().name(), f));
                default -> {}
            }
        }
        services.napt().decide(backendName, backend != null && backend.acceptsOnlyAssignedAddresses());
        services.router().bind(filters, backend, services.napt().translator());
    }

    private void startOne(RunningComponent running) throws GatewayStartException {
        long begin = System.nanoTime();
        try {
            running.start();
        } catch (Exception e) {
            throw new GatewayStartException(running.label() + " failed to start: " + e, e);
        }
        log.info("started {} in {} ms", running.label(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    private boolean stopNow() {
        List<RunningComponent> toClose;
        synchronized (this) {
            if (stopped) {
                return true;
            }
            stopped = true;
            toClose = new ArrayList<>(components);
        }
        statusServer.close();
        // Packets stop flowing first, so nothing reaches a component that is already closed.
        services.router().unbind();
        services.napt().close();
        boolean clean = true;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            RunningComponent running = toClose.get(i);
            try {
                running.close();
                log.info("stopped {}", running.label());
            } catch (RuntimeException e) {
                clean = false;
                log.warn("{} failed to close: {}", running.label(), e.toString(), e);
            }
        }
        if (scheduler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("scheduler failed to close: {}", e.toString());
            }
        }
        events.close();
        return clean;
    }
}
