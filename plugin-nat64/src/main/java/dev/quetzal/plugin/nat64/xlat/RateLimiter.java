package dev.quetzal.plugin.nat64.xlat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A lock-free token bucket (as a generic cell rate algorithm): at most {@code perSecond} events a
 * second, in bursts of up to {@code perSecond}. Time comes from a supplier, so tests drive it.
 */
public final class RateLimiter {
    private final LongSupplier nanoTime;
    private final long interval;
    private final long burst;
    /** Theoretical arrival time of the next event, in the supplier's nanoseconds. */
    private final AtomicLong tat;

    public RateLimiter(int perSecond, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.interval = perSecond == 0 ? Long.MAX_VALUE : 1_000_000_000L / perSecond;
        this.burst = perSecond == 0 ? 0 : (perSecond - 1) * interval;
        this.tat = new AtomicLong(nanoTime.getAsLong());
    }

    /** True when one more event is allowed now (and counts it). */
    public boolean tryAcquire() {
        if (interval == Long.MAX_VALUE) {
            return false;
        }
        long now = nanoTime.getAsLong();
        while (true) {
            long t = tat.get();
            long start = t - now < 0 ? now : t;
            if (start - now > burst) {
                return false;
            }
            if (tat.compareAndSet(t, start + interval)) {
                return true;
            }
        }
    }
}
