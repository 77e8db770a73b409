package dev.quetzal.api.service;

import dev.quetzal.api.net.Route;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The routes (IKEv2 traffic selectors, Windows routes) offered to clients, merged from several
 * publishers: the backend's split routes, split-DNS answers, static config.
 *
 * <p>Each publisher replaces its own whole set with {@link #publish}; the registry merges all sets
 * into a new {@link RouteSet} with a higher version and calls subscribers. Thread-safe; subscribers
 * are called one at a time, in version order, on a runtime thread, and must not block.
 */
public interface RouteRegistry {
    /** Replaces everything {@code source} published before. An empty collection withdraws it. */
    void publish(String source, Collection<Route> routes);

    /** The current merged set. */
    RouteSet current();

    /** Calls {@code listener} with the current set now and with every later one until closed. */
    Subscription subscribe(Consumer<RouteSet> listener);

    /** Ends a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * An immutable merged route set. With no include routes at all the gateway is a full tunnel.
     *
     * @param version increases with every change
     */
    record RouteSet(long version, List<Route> routes) {
        public RouteSet {
            routes = List.copyOf(routes);
        }

        /** True when nobody published an include route: send everything through the tunnel. */
        public boolean isFullTunnel() {
            return routes.stream().noneMatch(r -> r.kind() == Route.Kind.INCLUDE);
        }
    }
}
