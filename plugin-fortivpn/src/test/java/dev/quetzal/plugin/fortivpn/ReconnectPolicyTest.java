package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.runtime.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconnect timing after drops, on a manual clock (notes §7: reconnect with the same cookie): the first
 * retry after the initial delay, a tunnel that drops again soon waits twice as long (no flapping
 * storm), and one that stayed up 30 s starts over from the initial delay.
 */
@Timeout(60)
final class ReconnectPolicyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final BackendFixture fixture = new BackendFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @DisplayName("drops: retry after 1 s, then 2 s while flapping, back to 1 s after 30 s up; never a new login")
    @Test
    void backoffAcrossDrops() throws Exception {
        fixture.startEmulator(BackendFixture.alice());
        ManualClock clock = new ManualClock(Instant.now());
        TestBackendContext context = new TestBackendContext(clock, clock);
        fixture.createBackend(folder,
                "\"username\": \"alice\", \"password\": \"secret\", \"echo\": {\"interval\": \"0s\"}", context).start();
        context.awaitConnected(0, WAIT);

        dropAndExpectRetryAfter(context, clock, Duration.ofSeconds(1), 2);
        dropAndExpectRetryAfter(context, clock, Duration.ofSeconds(2), 3);
        clock.advance(ConnectionManager.STABLE);
        dropAndExpectRetryAfter(context, clock, Duration.ofSeconds(1), 4);
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }

    /** Cuts the tunnel; no attempt before {@code backoff}, one within its 25 % jitter. */
    private void dropAndExpectRetryAfter(TestBackendContext context, ManualClock clock, Duration backoff, long attempts)
            throws Exception {
        int mark = context.states.size();
        fixture.emulator().hooks().cutTunnelsNow();
        context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        clock.advance(backoff.minusMillis(1));
        assertEquals(attempts - 1, attempts(context), "no attempt before the backoff");
        clock.advance(backoff.dividedBy(4).plusMillis(2));
        assertEquals(attempts, attempts(context), "an attempt within the jitter");
        context.awaitConnected(mark, WAIT);
    }

    /** Attempts so far: each publishes Connecting first, on the clock's thread. */
    private static long attempts(TestBackendContext context) {
        return context.states.stream().filter(s -> s instanceof BackendState.Connecting).count();
    }
}
