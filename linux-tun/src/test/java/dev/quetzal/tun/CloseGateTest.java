package dev.quetzal.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A descriptor is released only after the last call using it has left (close(2) while another
 * thread is in read(2) on the same number is a use-after-close once the number is reused).
 */
final class CloseGateTest {
    private final AtomicInteger releases = new AtomicInteger();
    private final CloseGate gate = new CloseGate(releases::incrementAndGet);

    @Test
    void closeWithNoCallInsideReleasesAtOnce() {
        assertTrue(gate.close());
        assertEquals(1, releases.get());
        assertTrue(gate.awaitReleased(Duration.ZERO));
        assertFalse(gate.enter());
    }

    @Test
    void closeWhileCallsAreInsideReleasesWhenTheLastLeaves() {
        assertTrue(gate.enter());
        assertTrue(gate.enter());
        assertTrue(gate.close());
        assertTrue(gate.isClosed());
        assertFalse(gate.enter(), "no new call once closed");
        assertFalse(gate.awaitReleased(Duration.ZERO));
        gate.exit();
        assertEquals(0, releases.get());
        gate.exit();
        assertEquals(1, releases.get());
        assertTrue(gate.awaitReleased(Duration.ZERO));
    }

    @Test
    void secondCloseIsANoOp() {
        assertTrue(gate.close());
        assertFalse(gate.close());
        assertEquals(1, releases.get());
    }

    @Test
    void callsBeforeCloseDoNotRelease() {
        assertTrue(gate.enter());
        gate.exit();
        assertTrue(gate.enter());
        gate.exit();
        assertFalse(gate.isClosed());
        assertEquals(0, releases.get());
    }
}
