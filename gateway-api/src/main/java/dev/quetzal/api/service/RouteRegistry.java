package dev.quetzal.api.service;

import dev.quetzal.api.net.Route;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The routes (IKEv2 traffic selectors, Windows routes) offered to clients, merged from several
 * publishers: the backend's split routes, split-DNS answers, static config.
 *
 * <p>Each publisher replaces its own whole set with {@link #publish} (and its DNS domains with {@link
 * #publishDnsDomains}); the registry merges all sets into a new {@link RouteSet} with a higher version
 * and calls subscribers. The merged routes are aggregated (adjacent or covered prefixes of one kind
 * become one) and capped in size. Thread-safe; subscribers
 * are called one at a time, in version order, on a runtime thread, and must not block.
 */
public interface RouteRegistry {
    /** Replaces everything {@code source} published before. An empty collection withdraws it. */
    void publish(String source, Collection<Route> routes);

    /**
     * Replaces the DNS domains {@code source} published before: names clients should resolve through
     * the tunnel's DNS (IKEv2 INTERNAL_DNS_DOMAIN, RFC 8598; Windows NRPT rules). An empty collection
     * withdraws them. Domains are compared without case and without a trailing dot.
     *
     * @since API 1.2
     */
    default void publishDnsDomains(String source, Collection<String> domains) {
        throw new UnsupportedOperationException("publishDnsDomains");
    }

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
     * @param routes the aggregated routes, each with the source that contributed it
     * @param dnsDomains the split-DNS domains of all publishers, lower case, without duplicates (API 1.2)
     */
    record RouteSet(long version, List<Route> routes, List<String> dnsDomains) {
        public RouteSet {
            routes = List.copyOf(routes);
            dnsDomains = List.copyOf(dnsDomains);
        }

        /** A set without DNS domains (API 1.1). */
        public RouteSet(long version, List<Route> routes) {
            this(version, routes, List.of());
        }

        /** True when nobody published an include route: send everything through the tunnel. */
        public boolean isFullTunnel() {
            return routes.stream().noneMatch(r -> r.kind() == Route.Kind.INCLUDE);
        }
    }
}
