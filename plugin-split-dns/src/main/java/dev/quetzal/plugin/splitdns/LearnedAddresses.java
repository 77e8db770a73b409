package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses learned from DNS answers, per tunnel domain, each with the monotonic time it expires:
 * max(TTL, floor) + grace after it was last seen, so a connection in use keeps its route for a while
 * after a record changes. Thread-safe; at most {@code capacity} addresses in all.
 */
final class LearnedAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(LearnedAddresses.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long floorNanos;
    private final long graceNanos;
    private final int capacity;
    private final Map<String, Map<IpAddress, Entry>> byDomain = new TreeMap<>();
    private int size;
    private boolean warnedFull;

    LearnedAddresses(long floorNanos, long graceNanos, int capacity) {
        this.floorNanos = floorNanos;
        this.graceNanos = graceNanos;
        this.capacity = capacity;
    }

    /** What learning one address did. */
    enum Outcome {
        /** A new address under its domain: the domain's routes changed. */
        ADDED,
        /** Known already; its expiry may have moved later. */
        EXTENDED,
        /** Not learned: the table is full. */
        FULL
    }

    /**
     * Learns {@code address} under {@code domain}, seen at {@code now} with {@code ttlSeconds}.
     * {@code name} is the owner name, for the log.
     */
    synchronized Outcome learn(String domain, String name, IpAddress address, long ttlSeconds, long now) {
        long expiry = now + Math.max(Math.min(ttlSeconds, Integer.MAX_VALUE) * NANOS_PER_SECOND, floorNanos) + graceNanos;
        Map<IpAddress, Entry> addresses = byDomain.get(domain);
        Entry known = addresses == null ? null : addresses.get(address);
        if (known != null) {
            if (expiry - known.expiry() > 0) {
                addresses.put(address, new Entry(name, expiry));
            }
            return Outcome.EXTENDED;
        }
        if (size >= capacity) {
            if (!warnedFull) {
                warnedFull = true;
                LOG.warn("split-dns: {} learned addresses reached (maxLearned); {} ({}) and further new addresses are "
                        + "not routed until older ones expire", capacity, name, address);
            }
            return Outcome.FULL;
        }
        byDomain.computeIfAbsent(domain, d -> new LinkedHashMap<>()).put(address, new Entry(name, expiry));
        size++;
        LOG.info("split-dns: learned {} for {} (source split-dns:{})", address, name, domain);
        return Outcome.ADDED;
    }

    /** Removes the addresses expired at {@code now}; returns how many and the domains that changed. */
    synchronized Expiry expire(long now) {
        Set<String> changed = new TreeSet<>();
        int removed = 0;
        for (var entry : byDomain.entrySet()) {
            Iterator<Map.Entry<IpAddress, Entry>> it = entry.getValue().entrySet().iterator();
            while (it.hasNext()) {
                var learned = it.next();
                if (now - learned.getValue().expiry() >= 0) {
                    it.remove();
                    removed++;
                    changed.add(entry.getKey());
                    LOG.info("split-dns: {} for {} expired (source split-dns:{})", learned.getKey(),
                            learned.getValue().name(), entry.getKey());
                }
            }
        }
        size -= removed;
        if (removed > 0) {
            warnedFull = false;
        }
        return new Expiry(removed, changed);
    }

    /** The INCLUDE routes of one domain, source {@code split-dns:<domain>}. */
    synchronized List<Route> routes(String domain) {
        Map<IpAddress, Entry> addresses = byDomain.getOrDefault(domain, Map.of());
        List<Route> routes = new ArrayList<>(addresses.size());
        for (IpAddress address : addresses.keySet()) {
            routes.add(Route.include(IpPrefix.host(address), SplitDnsFilter.SOURCE_PREFIX + domain));
        }
        return routes;
    }

    /** Each domain that has addresses, with each address's remaining lifetime in nanoseconds at {@code now}. */
    synchronized Map<String, Map<IpAddress, Long>> remaining(long now) {
        Map<String, Map<IpAddress, Long>> copy = new TreeMap<>();
        byDomain.forEach((domain, addresses) -> {
            if (!addresses.isEmpty()) {
                Map<IpAddress, Long> left = new LinkedHashMap<>();
                addresses.forEach((address, entry) -> left.put(address, entry.expiry() - now));
                copy.put(domain, left);
            }
        });
        return copy;
    }

    synchronized int size() {
        return size;
    }

    /** Domains that have ever had addresses, so all their sources can be withdrawn. */
    synchronized Set<String> domains() {
        return new TreeSet<>(byDomain.keySet());
    }

    /** The name an address was last seen for, and when it expires (monotonic nanoseconds). */
    private record Entry(String name, long expiry) {}

    /** The result of {@link #expire}. */
    record Expiry(int removed, Set<String> changedDomains) {}
}
