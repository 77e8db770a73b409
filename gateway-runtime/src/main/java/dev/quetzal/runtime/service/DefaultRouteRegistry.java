package dev.quetzal.runtime.service;

import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Merges the route sets of all publishers; a publish that changes nothing notifies nobody. */
public final class DefaultRouteRegistry implements RouteRegistry {
    private static final Logger log = LoggerFactory.getLogger(DefaultRouteRegistry.class);

    private final SerialEvents events;
    private final Map<String, List<Route>> bySource = new TreeMap<>();
    private final List<Consumer<RouteSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile RouteSet current = new RouteSet(0, List.of());

    public DefaultRouteRegistry(SerialEvents events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public synchronized void publish(String source, Collection<Route> routes) {
        Objects.requireNonNull(source, "source");
        List<Route> copy = List.copyOf(routes);
        List<Route> previous = copy.isEmpty() ? bySource.remove(source) : bySource.put(source, copy);
        if (copy.equals(previous) || (copy.isEmpty() && previous == null)) {
            return;
        }
        List<Route> merged = new ArrayList<>();
        bySource.values().forEach(merged::addAll);
        RouteSet next = new RouteSet(current.version() + 1, merged);
        current = next;
        log.info("routes from {}: {} (now {} routes, version {})", source, copy.size(), merged.size(), next.version());
        events.post(() -> listeners.forEach(listener -> listener.accept(next)));
    }

    @Override
    public RouteSet current() {
        return current;
    }

    @Override
    public Subscription subscribe(Consumer<RouteSet> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            // Registered and first call queued under the lock, so no version is missed or reordered.
            listeners.add(listener);
            RouteSet now = current;
            events.post(() -> listener.accept(now));
        }
        return () -> listeners.remove(listener);
    }
}
