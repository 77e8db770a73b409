package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reconnect backoff: doubling from the initial delay to the cap, jitter only ever adding (never faster). */
final class BackoffTest {
    @DisplayName("delays double from 1 s to the 60 s cap, each within [backoff, backoff x 1.25)")
    @Test
    void doublesToTheCapWithJitterAbove() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));
        long[] base = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (long seconds : base) {
            Duration delay = backoff.next();
            assertTrue(delay.compareTo(Duration.ofSeconds(seconds)) >= 0, delay + " < " + seconds);
            assertTrue(delay.compareTo(Duration.ofMillis(seconds * 1250)) < 0, delay + " >= 1.25 x " + seconds);
        }
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertTrue(backoff.next().compareTo(Duration.ofMillis(1250)) < 0);
    }

    @DisplayName("many failures never overflow the delay")
    @Test
    void noOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofHours(1), new Random(1));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 200; i++) {
            last = backoff.next();
        }
        assertTrue(last.compareTo(Duration.ofHours(1)) >= 0 && last.compareTo(Duration.ofMinutes(75)) < 0, last.toString());
    }
}
