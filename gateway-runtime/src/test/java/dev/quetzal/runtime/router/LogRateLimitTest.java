package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The data-path log limit: the first occurrence, then at most one per interval with the count kept quiet. */
final class LogRateLimitTest {
    @Test
    void logsFirstThenOncePerIntervalWithTheQuietCount() {
        AtomicLong now = new AtomicLong(-5_000);
        LogRateLimit limit = new LogRateLimit(10_000, now::get);

        assertEquals(0, limit.admit());
        assertEquals(-1, limit.admit());
        now.addAndGet(9_999);
        assertEquals(-1, limit.admit());
        now.addAndGet(1);
        assertEquals(2, limit.admit());
        now.addAndGet(50_000);
        assertEquals(0, limit.admit());
    }
}
