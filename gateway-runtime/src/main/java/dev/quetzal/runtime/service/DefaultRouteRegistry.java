package dev.quetzal.runtime.service;

import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.runtime.config.RouteSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the route sets and DNS domains of all publishers into one {@link RouteSet}: routes
 * aggregated by {@link RouteAggregator} and capped by {@link RouteCap} at {@code routes.maxRoutes},
 * domains in publisher-name order without duplicates. A publish that changes nothing notifies nobody.
 */
public final class DefaultRouteRegistry implements RouteRegistry {
    private static final Logger log = LoggerFactory.getLogger(DefaultRouteRegistry.class);
    /** How many left-out routes the cap warning names. */
    private static final int LEFT_OUT_EXAMPLES = 5;

    private final SerialEvents events;
    private final int maxRoutes;
    private final Map<String, List<Route>> routesBySource = new TreeMap<>();
    private final Map<String, List<String>> domainsBySource = new TreeMap<>();
    private final List<Consumer<RouteSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile Status status;

    /** A registry with the default cap, {@value RouteSettings#DEFAULT_MAX_ROUTES} routes. */
    public DefaultRouteRegistry(SerialEvents events) {
        this(events, RouteSettings.DEFAULT_MAX_ROUTES);
    }

    public DefaultRouteRegistry(SerialEvents events, int maxRoutes) {
        this.events = Objects.requireNonNull(events, "events");
        if (maxRoutes < 1) {
            throw new IllegalArgumentException("expected maxRoutes >= 1, got " + maxRoutes);
        }
        this.maxRoutes = maxRoutes;
        this.status = new Status(new RouteSet(0, List.of()), maxRoutes, 0, List.of());
    }

    /**
     * What {@code /status} shows about the routes.
     *
     * @param routeSet the current set
     * @param leftOut how many aggregated routes the cap left out of it
     * @param sources per publisher, in name order, what it published
     */
    public record Status(RouteSet routeSet, int maxRoutes, int leftOut, List<SourceCount> sources) {
        public Status {
            Objects.requireNonNull(routeSet, "routeSet");
            sources = List.copyOf(sources);
        }
    }

    /** How many routes and DNS domains one publisher has in the registry (before aggregation). */
    public record SourceCount(String source, int routes, int dnsDomains) {}

    @Override
    public synchronized void publish(String source, Collection<Route> routes) {
        Objects.requireNonNull(source, "source");
        update(routesBySource, source, List.copyOf(Objects.requireNonNull(routes, "routes")), "routes");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for a name that is not a DNS domain; nothing changes then
     */
    @Override
    public synchronized void publishDnsDomains(String source, Collection<String> domains) {
        Objects.requireNonNull(source, "source");
        update(domainsBySource, source, DnsDomains.normaliseAll(Objects.requireNonNull(domains, "domains")), "DNS domains");
    }

    @Override
    public RouteSet current() {
        return status.routeSet();
    }

    /** The current set with the cap's count and each publisher's share, for {@code /status}. */
    public Status status() {
        return status;
    }

    @Override
    public Subscription subscribe(Consumer<RouteSet> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            // Registered and first call queued under the lock, so no version is missed or reordered.
            listeners.add(listener);
            RouteSet now = status.routeSet();
            events.post(() -> listener.accept(now));
        }
        return () -> listeners.remove(listener);
    }

    /** Puts (or, when empty, withdraws) {@code value} and, unless that changes nothing, merges again. */
    private <T> void update(Map<String, List<T>> bySource, String source, List<T> value, String what) {
        List<T> previous = value.isEmpty() ? bySource.remove(source) : bySource.put(source, value);
        if (value.isEmpty() ? previous != null : !value.equals(previous)) {
            log.debug("{} from {}: {}", what, source, value);
            republish(source, what);
        }
    }

    /** Merges every publisher's share; a set that differs from the current one goes to subscribers. */
    private void republish(String source, String what) {
        List<Route> all = new ArrayList<>();
        routesBySource.values().forEach(all::addAll);
        RouteCap.Capped capped = RouteCap.apply(RouteAggregator.aggregate(all), maxRoutes);
        Set<String> domains = new LinkedHashSet<>();
        domainsBySource.values().forEach(domains::addAll);
        List<String> dnsDomains = List.copyOf(domains);

        Status previous = status;
        warnIfLeftOutChanged(previous.leftOut(), capped.leftOut());
        RouteSet old = previous.routeSet();
        boolean changed = !capped.kept().equals(old.routes()) || !dnsDomains.equals(old.dnsDomains());
        RouteSet next = changed ? new RouteSet(old.version() + 1, capped.kept(), dnsDomains) : old;
        status = new Status(next, maxRoutes, capped.leftOut().size(), sourceCounts());
        if (changed) {
            log.info("route set version {} ({} changed its {}): {} routes, DNS domains {}", next.version(), source, what,
                    next.routes().size(), next.dnsDomains().isEmpty() ? "none" : String.join(", ", next.dnsDomains()));
            events.post(() -> listeners.forEach(listener -> listener.accept(next)));
        }
    }

    private List<SourceCount> sourceCounts() {
        Set<String> sources = new TreeSet<>(routesBySource.keySet());
        sources.addAll(domainsBySource.keySet());
        return sources.stream()
                .map(source -> new SourceCount(source, routesBySource.getOrDefault(source, List.of()).size(),
                        domainsBySource.getOrDefault(source, List.of()).size()))
                .toList();
    }

    private void warnIfLeftOutChanged(int before, List<Route> leftOut) {
        if (leftOut.size() == before) {
            return;
        }
        if (leftOut.isEmpty()) {
            log.info("route set fits within routes.maxRoutes ({}) again: no route left out", maxRoutes);
            return;
        }
        String examples = leftOut.stream().limit(LEFT_OUT_EXAMPLES)
                .map(route -> route.prefix() + " " + route.kind().name().toLowerCase(Locale.ROOT) + " (" + route.source() + ")")
                .collect(Collectors.joining(", "));
        log.warn("route set over routes.maxRoutes ({}): {} most specific route(s) left out, clients do not get them:"
                        + " {}{}; raise routes.maxRoutes or add wider staticRoutes that cover them",
                maxRoutes, leftOut.size(), examples, leftOut.size() > LEFT_OUT_EXAMPLES ? ", ..." : "");
    }
}
