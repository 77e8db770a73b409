package dev.quetzal.fortivpn.ppp;

/**
 * LCP echo keepalive (fortivpn-protocol.md §7): after {@code interval} without any frame from the
 * peer, send an Echo-Request, then one every {@code interval} while nothing arrives; after
 * {@code failures} unanswered requests the peer is dead. Any received frame counts as an answer.
 */
final class Keepalive {
    enum Action { NONE, SEND_ECHO, PEER_DEAD }

    private final long intervalNanos;
    private final int failures;
    private int outstanding;
    private long lastSent;
    private boolean disabled;

    Keepalive(long intervalNanos, int failures) {
        this.intervalNanos = intervalNanos;
        this.failures = failures;
    }

    /** Forgets unanswered requests (LCP just opened). */
    void reset() {
        outstanding = 0;
    }

    /** The peer Code-Rejected Echo-Request (RFC 1661 §5.6): it cannot be probed. */
    void disable() {
        disabled = true;
    }

    boolean enabled() {
        return intervalNanos > 0 && !disabled;
    }

    /** What to do now, given when the last frame arrived; a SEND_ECHO is counted as sent. */
    Action poll(long now, long lastReceived) {
        if (!enabled()) {
            return Action.NONE;
        }
        if (outstanding > 0 && lastReceived - lastSent >= 0) {
            outstanding = 0; // a frame arrived after our last request
        }
        if (outstanding == 0) {
            return now - lastReceived >= intervalNanos ? sent(now) : Action.NONE;
        }
        if (now - lastSent < intervalNanos) {
            return Action.NONE;
        }
        return outstanding >= failures ? Action.PEER_DEAD : sent(now);
    }

    private Action sent(long now) {
        outstanding++;
        lastSent = now;
        return Action.SEND_ECHO;
    }
}
