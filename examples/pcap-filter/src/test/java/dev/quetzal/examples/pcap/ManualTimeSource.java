package dev.quetzal.examples.pcap;

import dev.quetzal.api.service.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when a test says so. */
final class ManualTimeSource implements TimeSource {
    private final Instant start;
    private volatile long elapsedNanos;

    ManualTimeSource(Instant start) {
        this.start = start;
    }

    void advance(Duration duration) {
        elapsedNanos += duration.toNanos();
    }

    @Override
    public Instant now() {
        return start.plusNanos(elapsedNanos);
    }

    @Override
    public long nanoTime() {
        return elapsedNanos;
    }
}
