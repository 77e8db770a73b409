package dev.quetzal.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.api.service.Resolver;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.config.AddressPoolSettings;
import dev.quetzal.runtime.config.BufferSettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.http.StatusServer;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.napt.Napt;
import dev.quetzal.runtime.router.DefaultAddressPool;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.router.DefaultPacketRouter;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.service.DefaultScheduler;
import dev.quetzal.runtime.service.DefaultUplinkStatus;
import dev.quetzal.runtime.service.PagePrompts;
import dev.quetzal.runtime.service.HostResolver;
import dev.quetzal.runtime.service.SerialEvents;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Binds the runtime services for one gateway. Explicit bindings only, production stage, no
 * circular proxies: a missing binding is a startup error, never a surprise at first use.
 * Plugin components are not Guice-managed here: each plugin may build its own injector in
 * {@code create}.
 */
public final class GatewayModule extends AbstractModule {
    private final LoadedConfig config;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final SecureRandom secureRandom;

    /**
     * @param time and {@code scheduler} must agree: a test passes one manual clock as both
     * @param scheduler closed with the gateway when it is {@link AutoCloseable}
     */
    public GatewayModule(LoadedConfig config, TimeSource time, Scheduler scheduler, SecureRandom secureRandom) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.secureRandom = Objects.requireNonNull(secureRandom, "secureRandom");
    }

    /** The gateway for {@code config} with the system clock, real timers and a strong random source. */
    public static Gateway createGateway(LoadedConfig config) {
        return createGateway(config, TimeSource.SYSTEM, new DefaultScheduler(), new SecureRandom());
    }

    /** The gateway with injected time, timers and randomness, for tests that drive them by hand. */
    public static Gateway createGateway(LoadedConfig config, TimeSource time, Scheduler scheduler,
            SecureRandom secureRandom) {
        return Guice.createInjector(Stage.PRODUCTION, new GatewayModule(config, time, scheduler, secureRandom))
                .getInstance(Gateway.class);
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().requireAtInjectOnConstructors();
        binder().disableCircularProxies();
        binder().requireExactBindingAnnotations();
        bind(LoadedConfig.class).toInstance(config);
        bind(TimeSource.class).toInstance(time);
        bind(SecureRandom.class).toInstance(secureRandom);
        bind(Scheduler.class).toInstance(scheduler);
        bind(RuntimeServices.class).in(Singleton.class);
        bind(Gateway.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    MetricsRegistry metrics() {
        return new MetricsRegistry();
    }

    @Provides
    @Singleton
    SerialEvents events() {
        return new SerialEvents();
    }

    @Provides
    @Singleton
    PacketBufferPool buffers(MetricsRegistry metrics) {
        BufferSettings buffers = config.settings().buffers();
        return new DefaultPacketBufferPool(buffers.count(), buffers.headroom(), buffers.capacity(), metrics.global());
    }

    @Provides
    @Singleton
    DefaultPacketRouter router(MetricsRegistry metrics) {
        return new DefaultPacketRouter(metrics);
    }

    @Provides
    @Singleton
    AddressPool addressPool() {
        AddressPoolSettings pool = config.settings().addressPool();
        return new DefaultAddressPool(pool.ipv4(), pool.ipv6());
    }

    @Provides
    @Singleton
    DefaultRouteRegistry routes(SerialEvents events) {
        return new DefaultRouteRegistry(events, config.settings().routes().maxRoutes());
    }

    @Provides
    @Singleton
    DefaultUplinkStatus uplink(SerialEvents events) {
        return new DefaultUplinkStatus(events);
    }

    @Provides
    @Singleton
    PagePrompts prompts(SecureRandom random) {
        return new PagePrompts(random);
    }

    @Provides
    @Singleton
    Napt napt(DefaultUplinkStatus uplink, MetricsRegistry metrics) {
        return new Napt(config.settings().napt(), time, scheduler, uplink, metrics);
    }

    @Provides
    @Singleton
    Resolver resolver(Scheduler scheduler) {
        return new HostResolver(scheduler.blockingExecutor());
    }

    @Provides
    @Singleton
    StatusServer statusServer(MetricsRegistry metrics, TimeSource time) {
        return new StatusServer(config.settings().status(), metrics, time);
    }
}
