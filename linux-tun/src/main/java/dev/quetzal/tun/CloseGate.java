package dev.quetzal.tun;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls inside a native resource so that it is released only when the last one has
 * left: closing a file descriptor while another thread still uses it would let that thread read
 * or write whatever file next gets the same number. Lock-free: one compare-and-set in, one
 * decrement out.
 */
final class CloseGate {
    /** The sign bit says closed; the other bits count the calls inside. */
    private static final int CLOSED = Integer.MIN_VALUE;

    private final AtomicInteger state = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Runnable release;

    CloseGate(Runnable release) {
        this.release = release;
    }

    /** False once closed; after true the caller must {@link #exit()}. */
    boolean enter() {
        int s;
        do {
            s = state.get();
            if (s < 0) {
                return false;
            }
        } while (!state.compareAndSet(s, s + 1));
        return true;
    }

    void exit() {
        if (state.decrementAndGet() == CLOSED) {
            releaseNow();
        }
    }

    boolean isClosed() {
        return state.get() < 0;
    }

    /** Refuses new calls; releases now if none is inside, else when the last leaves. False if already closed. */
    boolean close() {
        int s;
        do {
            s = state.get();
            if (s < 0) {
                return false;
            }
        } while (!state.compareAndSet(s, s | CLOSED));
        if (s == 0) {
            releaseNow();
        }
        return true;
    }

    /** Waits, at most {@code timeout}, for the release to have run. */
    boolean awaitReleased(Duration timeout) {
        try {
            return released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return released.getCount() == 0;
        }
    }

    private void releaseNow() {
        try {
            release.run();
        } finally {
            released.countDown();
        }
    }
}
