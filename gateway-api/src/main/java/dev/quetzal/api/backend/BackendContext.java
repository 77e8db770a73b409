package dev.quetzal.api.backend;

import dev.quetzal.api.PluginContext;

/**
 * Services for a backend. A backend passes every packet it receives from the network to {@link
 * #router()}'s {@code fromNetwork} and announces each state change with {@link #publishState}.
 */
public interface BackendContext extends PluginContext {
    /**
     * Makes {@code state} the uplink's current state: frontends and filters are told, the status page
     * shows it, and the change is logged. Call on every transition, from any thread.
     */
    default void publishState(BackendState state) {
        throw new UnsupportedOperationException("publishState");
    }
}
