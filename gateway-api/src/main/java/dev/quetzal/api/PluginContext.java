package dev.quetzal.api;

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
import java.security.SecureRandom;

/**
 * Runtime services every component receives. All services are thread-safe.
 *
 * <p>Each accessor has a default that throws {@link UnsupportedOperationException}, so test contexts
 * implement only what they need and new services never break existing implementations.
 */
public interface PluginContext {
    /** The component's name from the config ({@code name}, defaulting to its type); unique per kind. */
    String componentName();

    /** Moves packets between frontends, filters and the backend. */
    default PacketRouter router() {
        throw new UnsupportedOperationException("router");
    }

    /** Buffers for packets this component creates. */
    default PacketBufferPool buffers() {
        throw new UnsupportedOperationException("buffers");
    }

    /** Addresses handed to clients. */
    default AddressPool addressPool() {
        throw new UnsupportedOperationException("addressPool");
    }

    /** Wall and monotonic time; tests inject a manual one. */
    default TimeSource time() {
        throw new UnsupportedOperationException("time");
    }

    /** The random source for keys, nonces and SPIs; tests inject a deterministic one. */
    default SecureRandom secureRandom() {
        throw new UnsupportedOperationException("secureRandom");
    }

    /** Timers and an executor for blocking work. */
    default Scheduler scheduler() {
        throw new UnsupportedOperationException("scheduler");
    }

    /** Counters and gauges, already labelled with this component's name. */
    default Metrics metrics() {
        throw new UnsupportedOperationException("metrics");
    }

    /** Routes (traffic selectors) offered to clients, and who published them. */
    default RouteRegistry routes() {
        throw new UnsupportedOperationException("routes");
    }

    /** Name resolution through the host's resolver. */
    default Resolver resolver() {
        throw new UnsupportedOperationException("resolver");
    }

    /** The backend's state, as published by the backend. */
    default UplinkStatus uplink() {
        throw new UnsupportedOperationException("uplink");
    }

    /**
     * Questions for the person running the gateway, answered on the status page.
     *
     * @since API 1.5
     */
    default UserPrompts userPrompts() {
        throw new UnsupportedOperationException("userPrompts");
    }
}
