package dev.quetzal.runtime.service;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Makes the merged routes of all publishers as short as they can be without changing what they
 * cover: per kind and per address family, a prefix inside a wider one of the same kind is dropped
 * and two sibling prefixes (the halves of one parent, RFC 4632 §3.1) become their parent, repeatedly,
 * so 198.18.0.0/32 and 198.18.0.1/32 become 198.18.0.0/31. A merged route names every source that
 * contributed to it, sorted and joined with ", ".
 *
 * <p>One sort and one pass over a stack: the input's order does not matter and a few thousand routes
 * take well under a millisecond.
 */
public final class RouteAggregator {
    /** The order of an aggregated set: kind (include first), family (IPv4 first), address, length. */
    public static final Comparator<Route> ORDER = Comparator.comparing(Route::kind)
            .thenComparing(route -> route.prefix().family())
            .thenComparing(route -> route.prefix().address())
            .thenComparingInt(route -> route.prefix().length());

    private RouteAggregator() {}

    /** The aggregated routes in {@link #ORDER}. */
    public static List<Route> aggregate(Collection<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(ORDER);
        List<Route> result = new ArrayList<>(sorted.size());
        List<Pending> stack = new ArrayList<>();
        Route.Kind kind = null;
        for (Route route : sorted) {
            if (route.kind() != kind || (!stack.isEmpty() && stack.getLast().prefix.family() != route.prefix().family())) {
                flush(stack, kind, result);
                kind = route.kind();
            }
            // Sorted by address then length, a covering prefix comes before everything inside it, and
            // everything still on the stack below the top ends before the top starts.
            if (!stack.isEmpty() && stack.getLast().prefix.contains(route.prefix())) {
                stack.getLast().sources.add(route.source());
                continue;
            }
            stack.add(new Pending(route.prefix(), route.source()));
            while (stack.size() >= 2 && siblings(stack.get(stack.size() - 2).prefix, stack.getLast().prefix)) {
                Pending right = stack.removeLast();
                Pending left = stack.getLast();
                left.prefix = new IpPrefix(left.prefix.address(), left.prefix.length() - 1);
                left.sources.addAll(right.sources);
            }
        }
        flush(stack, kind, result);
        return result;
    }

    /** True when {@code left} and {@code right} are the lower and upper half of one prefix. */
    static boolean siblings(IpPrefix left, IpPrefix right) {
        int length = left.length();
        return length > 0
                && right.length() == length
                && left.family() == right.family()
                && !left.address().equals(right.address())
                && left.address().equals(right.address().mask(length - 1));
    }

    private static void flush(List<Pending> stack, Route.Kind kind, List<Route> result) {
        for (Pending pending : stack) {
            result.add(new Route(pending.prefix, kind, String.join(", ", pending.sources)));
        }
        stack.clear();
    }

    /** A prefix being built, with the sources that went into it. */
    private static final class Pending {
        IpPrefix prefix;
        final TreeSet<String> sources = new TreeSet<>();

        Pending(IpPrefix prefix, String source) {
            this.prefix = prefix;
            sources.add(source);
        }
    }
}
