package dev.quetzal.plugin.ikev2.sa;

import java.util.function.LongSupplier;

/**
 * A token bucket on an injected nanosecond clock: {@code perSecond} tokens a second, at most {@code burst} saved up.
 * It bounds the unprotected answers a gateway sends to anyone who asks (RFC 7296 §2.21.4: the gateway must not
 * become an amplifier). Off the data path, so a plain lock is fine.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long nanosPerToken;
    private final int burst;
    private final LongSupplier clock;
    private double tokens;
    private long refilledAt;

    TokenBucket(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst");
        }
        this.nanosPerToken = NANOS_PER_SECOND / perSecond;
        this.burst = burst;
        this.clock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake() {
        long now = clock.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed / nanosPerToken);
            refilledAt = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
