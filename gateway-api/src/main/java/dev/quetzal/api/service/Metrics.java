package dev.quetzal.api.service;

import java.util.function.LongSupplier;

/**
 * Counters and gauges, exported at {@code /metrics} in the Prometheus text format and in {@code
 * /status}.
 *
 * <p>The instance a component receives adds a {@code component="<name>"} label to everything it
 * registers. Register in {@code create} or {@code start}, keep the returned {@link Counter} in a field
 * and update it on the data path: updates are lock-free and allocation-free. Registering the same
 * name and labels twice returns the same counter. Names follow Prometheus rules ({@code
 * [a-z_][a-z0-9_]*}); counters end in {@code _total}.
 */
public interface Metrics {
    /**
     * @param labels alternating label names and values, for example {@code "reason", "no-route"}
     */
    Counter counter(String name, String help, String... labels);

    /** A value read when metrics are exported; {@code value} must be cheap and thread-safe. */
    void gauge(String name, String help, LongSupplier value, String... labels);

    /** A monotonically increasing count. */
    interface Counter {
        void increment();

        void add(long delta);

        long value();
    }
}
