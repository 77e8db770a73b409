package dev.quetzal.plugin.ikev2.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The anti-replay window (RFC 4303 §3.4.3, bitmap ring as in RFC 6479) and ESN inference (RFC 4303 Appendix A). */
final class ReplayWindowTest {
    private static final long TWO_32 = 1L << 32;

    @Test
    @DisplayName("RFC 4303 §3.4.3: the window is at least 1024 wide (RFC 6479 ring of 64-bit words)")
    void windowIsAtLeast1024() {
        assertTrue(ReplayWindow.SIZE >= 1024);
    }

    @Test
    @DisplayName("RFC 4303 §3.4.3: sequence 0 is never valid, the first packet is, a duplicate is not")
    void duplicatesAreRejected() {
        ReplayWindow w = new ReplayWindow();
        assertFalse(w.isFresh(0));
        assertTrue(w.isFresh(1));
        w.accept(1);
        assertFalse(w.isFresh(1));
        assertTrue(w.isFresh(2));
    }

    @Test
    @DisplayName("RFC 4303 §3.4.3: a check alone changes nothing; only accept() moves the window")
    void checkingDoesNotUpdate() {
        ReplayWindow w = new ReplayWindow();
        w.accept(10);
        assertTrue(w.isFresh(5000));
        assertTrue(w.isFresh(5000));
        assertEquals(10, w.top());
        assertTrue(w.isFresh(9));
    }

    @Test
    @DisplayName("RFC 4303 §3.4.3: out of order inside the window is accepted once; at the edge and beyond is too old")
    void windowEdges() {
        ReplayWindow w = new ReplayWindow();
        long top = 10_000;
        w.accept(top);
        long oldestInside = top - ReplayWindow.SIZE + 1;
        assertTrue(w.isFresh(oldestInside));
        assertFalse(w.isFresh(oldestInside - 1));
        w.accept(oldestInside);
        assertFalse(w.isFresh(oldestInside));
        assertTrue(w.isFresh(oldestInside + 1));
        w.accept(top - 1);
        assertFalse(w.isFresh(top - 1));
    }

    @Test
    @DisplayName("RFC 6479: sliding forward clears the bits of sequence numbers that left and re-entered the ring")
    void slidingClearsOldWords() {
        ReplayWindow w = new ReplayWindow();
        for (long s = 1; s <= 200; s++) {
            w.accept(s);
        }
        // Same ring slots as 1..200, one ring length later: they must read as unseen.
        long ringBits = (long) ReplayWindow.WORDS * 64;
        w.accept(200 + ringBits);
        for (long s = 200 + ringBits - ReplayWindow.SIZE + 1; s < 200 + ringBits; s++) {
            assertTrue(w.isFresh(s), "sequence " + s);
        }
        assertFalse(w.isFresh(200 + ringBits));
        // A small step: only the words passed over are cleared.
        ReplayWindow small = new ReplayWindow();
        small.accept(100);
        small.accept(99);
        small.accept(130);
        assertFalse(small.isFresh(99));
        assertFalse(small.isFresh(100));
        assertTrue(small.isFresh(129));
    }

    @Test
    @DisplayName("RFC 4303 App. A.2 case A: window inside one subspace; low values below it belong to the next")
    void esnInferenceWindowInOneSubspace() {
        ReplayWindow w = new ReplayWindow();
        w.accept(5 * TWO_32 + 100_000);
        assertEquals(5 * TWO_32 + 100_001, w.inferEsn(100_001));
        assertEquals(5 * TWO_32 + 99_000, w.inferEsn(99_000));
        assertEquals(6 * TWO_32 + 3, w.inferEsn(3));
    }

    @Test
    @DisplayName("RFC 4303 App. A.2 case B: window across 2^32; high low values belong to the previous subspace")
    void esnInferenceWindowAcrossBoundary() {
        ReplayWindow w = new ReplayWindow();
        w.accept(5 * TWO_32 + 10);
        assertEquals(5 * TWO_32 + 11, w.inferEsn(11));
        assertEquals(5 * TWO_32 - 5, w.inferEsn((int) (TWO_32 - 5)));
        // Below the window's bottom the RFC's rule reads the value as far ahead in the current subspace: such
        // a packet then fails its ICV (the sender used other high bits), as Appendix A says it must.
        long old = 5 * TWO_32 - ReplayWindow.SIZE;
        assertEquals(old + TWO_32, w.inferEsn((int) old));
        assertFalse(w.isFresh(old));
    }

    @Test
    @DisplayName("RFC 4303 App. A: the window slides across 2^32 with ESN; late packets from below 2^32 still count once")
    void slideAcross2To32() {
        ReplayWindow w = new ReplayWindow();
        w.accept(TWO_32 - 20);
        long next = w.inferEsn(3);
        assertEquals(TWO_32 + 3, next);
        assertTrue(w.isFresh(next));
        w.accept(next);
        long late = w.inferEsn((int) (TWO_32 - 10));
        assertEquals(TWO_32 - 10, late);
        assertTrue(w.isFresh(late));
        w.accept(late);
        assertFalse(w.isFresh(w.inferEsn((int) (TWO_32 - 10))));
        assertFalse(w.isFresh(w.inferEsn((int) (TWO_32 - 20))));
        assertFalse(w.isFresh(w.inferEsn(3)));
    }

    @Test
    @DisplayName("RFC 4303 App. A: before any packet, large low values stay in subspace 0")
    void inferenceAtTheStart() {
        ReplayWindow w = new ReplayWindow();
        assertEquals(1, w.inferEsn(1));
        assertEquals(0xFFFF_FFF0L, w.inferEsn(0xFFFF_FFF0));
    }
}
