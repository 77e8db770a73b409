package dev.quetzal.plugin.fortivpn;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between connection attempts: {@code initial} doubling per consecutive failure up to {@code
 * max}, plus up to 25 % random jitter on top (never less than the backoff, so retries never come
 * faster, and many gateways restarted together spread out). Not thread-safe; the owner locks.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    Duration next() {
        long base = initial.toNanos();
        for (int i = 0; i < failures && base < max.toNanos(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toNanos());
        failures = Math.min(failures + 1, 62);
        long jitter = (long) (random.nextDouble() * base / 4);
        return Duration.ofNanos(base + jitter);
    }

    /** After a success: the next failure waits {@code initial} again. */
    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
