package dev.quetzal.plugin.ikev2.frontend;

import java.time.Duration;

/**
 * Turns a burst of route set changes (a split-DNS filter learning many addresses at once) into one push to the
 * clients: a change is due once the route set has been quiet for {@link #QUIET}, or at the latest {@link #MAX_DELAY}
 * after the first change of the burst, so a steady trickle still reaches clients. Versions at or below the last one
 * seen are ignored (the set current at subscription, a late duplicate). Thread-safe.
 */
final class RouteChangeDebounce {
    static final Duration QUIET = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private long seenVersion;
    private boolean pending;
    private long firstNanos;
    private long lastNanos;

    /** {@code baselineVersion}: the route set the clients already got (current when the frontend started). */
    RouteChangeDebounce(long baselineVersion) {
        this.seenVersion = baselineVersion;
    }

    /** A route set with {@code version} arrived at {@code nowNanos}. */
    synchronized void changed(long version, long nowNanos) {
        if (version <= seenVersion) {
            return;
        }
        seenVersion = version;
        if (!pending) {
            pending = true;
            firstNanos = nowNanos;
        }
        lastNanos = nowNanos;
    }

    /** True once per burst, when its push is due at {@code nowNanos}. */
    synchronized boolean due(long nowNanos) {
        if (pending && (nowNanos - lastNanos >= QUIET.toNanos() || nowNanos - firstNanos >= MAX_DELAY.toNanos())) {
            pending = false;
            return true;
        }
        return false;
    }
}
