package dev.quetzal.emulator.testing;

import dev.quetzal.api.service.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. */
public final class ManualTime implements TimeSource {
    private final AtomicLong nanos = new AtomicLong();
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant now() {
        return start.plusNanos(nanos.get());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
