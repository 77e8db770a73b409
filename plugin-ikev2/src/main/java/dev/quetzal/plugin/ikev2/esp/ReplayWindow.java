package dev.quetzal.plugin.ikev2.esp;

/**
 * The receiver's anti-replay window (RFC 4303 §3.4.3) as a ring of 64-bit words (RFC 6479): sliding
 * forward clears whole words, never shifts bits. The ring holds {@value #WORDS} words; one of them is the
 * partly filled word at the top, so the window covers {@value #SIZE} sequence numbers. Sequence numbers
 * are whole 64-bit values; {@link #inferEsn} recovers the high half per RFC 4303 Appendix A. One owner
 * thread: the SA's receiver.
 */
final class ReplayWindow {
    static final int WORDS = 32;
    static final int SIZE = (WORDS - 1) * Long.SIZE;
    private static final int WORD_MASK = WORDS - 1;

    private final long[] ring = new long[WORDS];
    private long top;

    /** The highest authenticated sequence number so far, 0 before the first. */
    long top() {
        return top;
    }

    /** Whether {@code sequence} is new: above the window's top, or inside it and not seen. Changes nothing. */
    boolean isFresh(long sequence) {
        if (sequence <= 0) {
            return false;
        }
        if (sequence > top) {
            return true;
        }
        if (top - sequence >= SIZE) {
            return false;
        }
        return (ring[word(sequence)] & bit(sequence)) == 0;
    }

    /** Marks {@code sequence} seen, sliding the window when it is the new top; call after the ICV verified. */
    void accept(long sequence) {
        if (sequence > top) {
            long steps = (sequence >>> 6) - (top >>> 6);
            if (steps >= WORDS) {
                java.util.Arrays.fill(ring, 0L);
            } else {
                for (long k = 1; k <= steps; k++) {
                    ring[(int) (((top >>> 6) + k) & WORD_MASK)] = 0L;
                }
            }
            top = sequence;
        }
        ring[word(sequence)] |= bit(sequence);
    }

    /**
     * The whole sequence number of a packet carrying the low 32 bits {@code low}, from the window's top
     * (RFC 4303 Appendix A.2): inside or above the window in the top's 2^32 subspace, else in the next one
     * (window within one subspace) or the previous one (window across a subspace boundary).
     */
    long inferEsn(int low) {
        long th = top >>> 32;
        long tl = top & 0xFFFF_FFFFL;
        long seq = low & 0xFFFF_FFFFL;
        long bottom = (tl - SIZE + 1) & 0xFFFF_FFFFL;
        long high;
        if (tl >= SIZE - 1) {
            high = seq >= bottom ? th : th + 1;
        } else {
            // Before the first subspace boundary there is no previous subspace to go back to.
            high = seq >= bottom && th > 0 ? th - 1 : th;
        }
        return high << 32 | seq;
    }

    private static int word(long sequence) {
        return (int) ((sequence >>> 6) & WORD_MASK);
    }

    private static long bit(long sequence) {
        return 1L << (sequence & 63);
    }
}
