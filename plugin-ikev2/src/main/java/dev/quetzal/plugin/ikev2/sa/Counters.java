package dev.quetzal.plugin.ikev2.sa;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named counters for the status page. Drops are counted and logged at DEBUG with their reason; refusals that keep
 * a client from connecting are counted and logged at WARN, since they are what an operator looks for first.
 */
public final class Counters {
    private static final Logger LOG = LoggerFactory.getLogger(Counters.class);
    /** One WARN line per refusal name in this interval; a client retrying every second must not flood the log. */
    static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, long[]> refusalLog = new TreeMap<>();
    private final LongSupplier nanoTime;

    public Counters() {
        this(System::nanoTime);
    }

    Counters(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public void count(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** Counts {@code name} and logs one DEBUG line; {@code detail} must not contain secrets. */
    public void drop(String name, String detail) {
        count(name);
        LOG.debug("{}: {}", name, detail);
    }

    /**
     * Counts {@code name} and logs {@code detail} at WARN, at most once per name every 10 s (later ones in that
     * interval are counted and their number given with the next line); {@code detail} must not contain secrets.
     */
    public void refuse(String name, String detail) {
        count(name);
        long suppressed;
        synchronized (refusalLog) {
            long now = nanoTime.getAsLong();
            long[] state = refusalLog.get(name);
            if (state != null && now - state[0] < REFUSAL_LOG_INTERVAL_NANOS) {
                state[1]++;
                LOG.debug("{}: {}", name, detail);
                return;
            }
            suppressed = state == null ? 0 : state[1];
            refusalLog.put(name, new long[] {now, 0});
        }
        if (suppressed == 0) {
            LOG.warn("{}: {}", name, detail);
        } else {
            LOG.warn("{}: {} ({} more since the last such line)", name, detail, suppressed);
        }
    }

    public long get(String name) {
        LongAdder adder = counts.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
