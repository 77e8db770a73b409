package dev.quetzal.runtime.router;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets the first occurrence of a data-path error be logged and then at most one per interval, so a
 * filter that fails on every packet cannot flood the log. Lock-free and allocation-free.
 */
public final class LogRateLimit {
    static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong nextAllowed;

    public LogRateLimit() {
        this(DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    LogRateLimit(long intervalNanos, LongSupplier nanoTime) {
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Whether to log this occurrence: -1 to stay quiet, otherwise how many occurrences were kept
     * quiet since the last one logged.
     */
    public long admit() {
        long now = nanoTime.getAsLong();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
