package dev.quetzal.runtime.router;

import dev.quetzal.api.service.Metrics;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drop counters of one filter, {@code quetzal_packets_dropped_total{component=<filter>,
 * reason=...}}. A reason seen before is a {@link ConcurrentHashMap} hit on a string whose hash is
 * cached: no lock, no allocation. A filter that invents reasons without end is capped, so its
 * counters cannot grow the export without bound.
 */
final class FilterCounters {
    static final String DROPPED = "quetzal_packets_dropped_total";
    static final String DROPPED_HELP = "Packets dropped, by the component that dropped them and why.";
    static final String FILTER_ERROR = "filter-error";
    static final String REPLY_LOOP = "reply-loop";
    static final String OTHER = "other";
    static final int MAX_REASONS = 64;

    final String name;
    final Metrics.Counter filterErrors;
    final Metrics.Counter replyLoops;
    final LogRateLimit errorLog = new LogRateLimit();
    private final Metrics metrics;
    private final ConcurrentHashMap<String, Metrics.Counter> drops = new ConcurrentHashMap<>();

    FilterCounters(String name, Metrics metrics) {
        this.name = name;
        this.metrics = metrics;
        this.filterErrors = dropped(FILTER_ERROR);
        this.replyLoops = dropped(REPLY_LOOP);
    }

    Metrics.Counter dropped(String reason) {
        Metrics.Counter counter = drops.get(reason);
        return counter != null ? counter : register(reason);
    }

    private Metrics.Counter register(String reason) {
        String key = drops.size() < MAX_REASONS ? reason : OTHER;
        return drops.computeIfAbsent(key, r -> metrics.counter(DROPPED, DROPPED_HELP, "reason", r));
    }
}
