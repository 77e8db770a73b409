package dev.quetzal.runtime.wiring;

import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.Resolver;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.api.service.UplinkStatus;
import dev.quetzal.api.service.UserPrompts;
import dev.quetzal.runtime.plugin.ComponentKind;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The context a component receives. One class serves all three kinds; the runtime hands it out
 * typed as the kind's context, so a frontend cannot publish backend states or inject as a filter.
 */
final class ComponentContext implements FrontendContext, BackendContext, FilterContext {
    private final ComponentKind kind;
    private final String name;
    private final RuntimeServices services;
    private final Metrics metrics;
    private final int filterIndex;

    /** @param filterIndex the filter's place in the chain, or -1 for frontends and backends */
    ComponentContext(ComponentKind kind, String name, RuntimeServices services, int filterIndex) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.services = services;
        this.metrics = services.metrics().forComponent(name);
        this.filterIndex = filterIndex;
    }

    @Override
    public String componentName() {
        return name;
    }

    @Override
    public PacketRouter router() {
        return services.router();
    }

    @Override
    public PacketBufferPool buffers() {
        return services.buffers();
    }

    @Override
    public AddressPool addressPool() {
        return services.addressPool();
    }

    @Override
    public TimeSource time() {
        return services.time();
    }

    @Override
    public SecureRandom secureRandom() {
        return services.secureRandom();
    }

    @Override
    public Scheduler scheduler() {
        return services.scheduler();
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public RouteRegistry routes() {
        return services.routes();
    }

    @Override
    public Resolver resolver() {
        return services.resolver();
    }

    @Override
    public UplinkStatus uplink() {
        return services.uplink();
    }

    @Override
    public UserPrompts userPrompts() {
        return services.prompts();
    }

    @Override
    public void publishState(BackendState state) {
        if (kind != ComponentKind.BACKEND) {
            throw new IllegalStateException(kind.label() + " " + name + " cannot publish backend states");
        }
        services.uplink().publish(state);
    }

    @Override
    public void inject(Direction direction, PacketBuffer packet, ClientSession client) {
        if (kind != ComponentKind.FILTER) {
            throw new IllegalStateException(kind.label() + " " + name + " is not a filter; use router() instead");
        }
        services.router().inject(filterIndex, direction, packet, client);
    }
}
