package dev.quetzal.runtime.metrics;

import dev.quetzal.api.service.Metrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter for the data path: {@link LongAdder} stripes updates across cells, so concurrent
 * increments from several receive loops neither contend on one cache line nor allocate once the
 * cells exist.
 */
final class LongAdderCounter implements Metrics.Counter {
    private final LongAdder adder = new LongAdder();

    @Override
    public void increment() {
        adder.increment();
    }

    @Override
    public void add(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("a counter only goes up, got delta " + delta);
        }
        adder.add(delta);
    }

    @Override
    public long value() {
        return adder.sum();
    }

    @Override
    public String toString() {
        return Long.toString(adder.sum());
    }
}
