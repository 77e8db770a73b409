package dev.quetzal.runtime.service;

import dev.quetzal.api.net.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps an aggregated route set within {@code routes.maxRoutes}: the widest prefixes stay (shortest
 * length first; at equal length an exclude before an include, since a lost exclude sends traffic into
 * the tunnel that was meant to stay out), the most specific are left out.
 */
public final class RouteCap {
    /** Which routes stay first when there are too many. */
    static final Comparator<Route> PRIORITY = Comparator.<Route>comparingInt(route -> route.prefix().length())
            .thenComparing(route -> route.kind() == Route.Kind.EXCLUDE ? 0 : 1)
            .thenComparing(RouteAggregator.ORDER);

    private RouteCap() {}

    /**
     * The routes within the cap.
     *
     * @param kept at most {@code maxRoutes} routes, in {@link RouteAggregator#ORDER}
     * @param leftOut the rest, the widest first
     */
    public record Capped(List<Route> kept, List<Route> leftOut) {
        public Capped {
            kept = List.copyOf(kept);
            leftOut = List.copyOf(leftOut);
        }
    }

    /** Caps {@code aggregated} (in {@link RouteAggregator#ORDER}) at {@code maxRoutes}. */
    public static Capped apply(List<Route> aggregated, int maxRoutes) {
        if (maxRoutes < 0) {
            throw new IllegalArgumentException("expected maxRoutes >= 0, got " + maxRoutes);
        }
        if (aggregated.size() <= maxRoutes) {
            return new Capped(aggregated, List.of());
        }
        List<Route> byPriority = new ArrayList<>(aggregated);
        byPriority.sort(PRIORITY);
        List<Route> kept = new ArrayList<>(byPriority.subList(0, maxRoutes));
        kept.sort(RouteAggregator.ORDER);
        return new Capped(kept, byPriority.subList(maxRoutes, byPriority.size()));
    }
}
