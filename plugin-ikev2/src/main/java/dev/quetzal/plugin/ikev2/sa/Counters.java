package dev.quetzal.plugin.ikev2.sa;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named counters for the status page; every drop or refusal is counted here and logged at DEBUG with its reason. */
public final class Counters {
    private static final Logger LOG = LoggerFactory.getLogger(Counters.class);
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** Counts {@code name} and logs one DEBUG line; {@code detail} must not contain secrets. */
    public void drop(String name, String detail) {
        count(name);
        LOG.debug("{}: {}", name, detail);
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
