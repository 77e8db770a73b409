package dev.quetzal.api.service;

import java.time.Instant;

/**
 * Wall-clock and monotonic time. Every timer and timestamp in a plugin comes from here, so tests
 * drive time by hand instead of sleeping. Thread-safe.
 */
public interface TimeSource {
    /** Wall-clock time, for logs, certificates and status. */
    Instant now();

    /** Monotonic nanoseconds for intervals; only differences are meaningful. */
    long nanoTime();

    /** The system clocks. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    };
}
