package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.packet.PacketBuffer;
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
 * The connection policy when logging in fails, driven by a manual clock: a wrong password is retried
 * with capped exponential backoff (never a storm: the emulator counts the attempts), and a rejected
 * cookie given by the user ends the attempts (protocol notes §2, §3).
 */
@Timeout(60)
final class BackendLoginPolicyTest {
    @TempDir
    Path folder;

    private final BackendFixture fixture = new BackendFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @DisplayName("wrong password: Disconnected(\"login failed: ...\"), retries at 1, 2, 4 ... 60 s (+jitter): 9-10 logins in 5 minutes")
    @Test
    void wrongPasswordBacksOff() throws Exception {
        fixture.startEmulator(BackendFixture.alice());
        ManualClock clock = new ManualClock(Instant.now());
        TestBackendContext context = new TestBackendContext(clock, clock);
        fixture.createBackend(folder, "\"username\": \"alice\", \"password\": \"wrong\"", context).start();
        assertEquals(1, fixture.emulator().stats().loginsFailed());
        BackendState state = fixture.backend().state();
        assertTrue(state instanceof BackendState.Disconnected d
                && d.reason().startsWith("login failed: the FortiGate answered err=sslvpn_login_permission_denied"), state.toString());
        for (int second = 0; second < 300; second++) {
            clock.advance(Duration.ofSeconds(1));
        }
        long attempts = fixture.emulator().stats().loginsFailed();
        // Without jitter: t = 0, 1, 3, 7, 15, 31, 63, 123, 183, 243; with the most jitter the tenth falls after 300 s.
        assertTrue(attempts >= 9 && attempts <= 10, attempts + " login attempts in 5 minutes");
        assertEquals(0, fixture.emulator().stats().loginsSucceeded());
        assertTrue(context.states.stream().anyMatch(s -> s instanceof BackendState.Connecting c && c.attempt() == 9),
                context.states.toString());
        assertFalse(context.states.toString().contains("wrong"));
    }

    @DisplayName("notes §3: a given cookie the FortiGate rejects ends the attempts with a clear state")
    @Test
    void rejectedGivenCookieStops() throws Exception {
        fixture.startEmulator(BackendFixture.alice());
        ManualClock clock = new ManualClock(Instant.now());
        TestBackendContext context = new TestBackendContext(clock, clock);
        fixture.createBackend(folder, "\"cookie\": \"SVPNCOOKIE=bogus\"", context).start();
        clock.advance(Duration.ofMinutes(10));
        assertEquals(1, fixture.emulator().stats().requests("/remote/fortisslvpn_xml"));
        BackendState state = fixture.backend().state();
        assertTrue(state instanceof BackendState.Disconnected d && d.reason().contains("rejected the session cookie")
                && d.reason().endsWith("give a new cookie and restart"), state.toString());
        assertEquals(0, clock.pendingTasks());
    }

    @DisplayName("while down, send() keeps up to queueLimit packets and counts the rest as dropped (down)")
    @Test
    void queueLimitWhileDown() throws Exception {
        fixture.startEmulator(BackendFixture.alice());
        ManualClock clock = new ManualClock(Instant.now());
        TestBackendContext context = new TestBackendContext(clock, clock);
        fixture.createBackend(folder,
                "\"username\": \"alice\", \"password\": \"wrong\", \"queueLimit\": 3", context).start();
        for (int i = 0; i < 5; i++) {
            PacketBuffer packet = context.pool.acquire();
            packet.append(new byte[] {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}, 0, 20);
            fixture.backend().send(packet);
        }
        assertEquals(3, fixture.backend().status().get("queued"));
        assertEquals(2, context.counter("quetzal_fortivpn_dropped_packets_total", "reason", "down"));
        int available = context.pool.available();
        fixture.closeBackend();
        assertEquals(available + 3, context.pool.available(), "queued packets are released on close");
    }
}
