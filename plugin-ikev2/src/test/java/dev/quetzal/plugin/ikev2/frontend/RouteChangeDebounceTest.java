package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 6 "keeping routes current": a burst of route changes becomes one push, and a trickle is not held back forever. */
final class RouteChangeDebounceTest {
    private static final long MS = 1_000_000L;

    @Test
    @DisplayName("issue 6: changes within 1 s of each other are one push, due 1 s after the last")
    void burstIsOnePush() {
        RouteChangeDebounce debounce = new RouteChangeDebounce(3);
        debounce.changed(4, 0);
        debounce.changed(5, 300 * MS);
        debounce.changed(6, 600 * MS);
        assertFalse(debounce.due(1_000 * MS));
        assertFalse(debounce.due(1_599 * MS));
        assertTrue(debounce.due(1_600 * MS));
        assertFalse(debounce.due(1_700 * MS), "due once per burst");
        assertFalse(debounce.due(10_000 * MS));
    }

    @Test
    @DisplayName("issue 6: the version clients already have, or an older one, is no change")
    void baselineAndOldVersionsIgnored() {
        RouteChangeDebounce debounce = new RouteChangeDebounce(3);
        debounce.changed(3, 0);
        debounce.changed(2, 0);
        assertFalse(debounce.due(5_000 * MS));
        debounce.changed(4, 5_000 * MS);
        debounce.changed(4, 5_500 * MS);
        assertTrue(debounce.due(6_000 * MS), "the repeated version 4 did not extend the quiet time");
    }

    @Test
    @DisplayName("issue 6: a change every 500 ms is still pushed 5 s after the first")
    void trickleIsPushedAfterMaxDelay() {
        RouteChangeDebounce debounce = new RouteChangeDebounce(0);
        boolean pushed = false;
        long at = -1;
        for (int i = 0; i <= 12 && !pushed; i++) {
            long now = i * 500 * MS;
            debounce.changed(i + 1, now);
            pushed = debounce.due(now);
            at = now;
        }
        assertTrue(pushed);
        assertTrue(at == 5_000 * MS, "pushed at " + at / MS + " ms");
    }
}
