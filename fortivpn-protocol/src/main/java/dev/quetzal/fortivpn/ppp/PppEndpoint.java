package dev.quetzal.fortivpn.ppp;

/**
 * One side of a PPP link over a FortiGate tunnel: LCP, then IPCP and (optionally) IPv6CP, each an
 * RFC 1661 §4 option-negotiation automaton; LCP echo keepalive with dead-peer detection; Terminate in
 * both directions; Protocol-Reject of unknown protocols (and of IPv6CP when IPv6 is off).
 *
 * <p>Time is passed in, never read: the owner calls {@link #tick} about every 250 ms with its
 * monotonic clock, which drives retransmissions and echoes, so tests run without sleeping.
 *
 * <p>Thread-safety: the control methods are {@code synchronized} (the reader thread and a timer thread
 * both call in); they are rare. {@link #frameReceived} is a plain volatile write, safe to call for every
 * frame on the data path. Listener callbacks run inside the lock and must not block.
 */
public final class PppEndpoint {
    /** Where the endpoint sends frames and reports progress. Must not block. */
    public interface Listener {
        /**
         * A control frame to send: the PPP frame (protocol field first, {@code ff 03} first when the
         * settings ask for it), without the Fortinet header; {@code frame} is the endpoint's to reuse
         * after the call.
         */
        void sendFrame(byte[] frame, int offset, int length);

        /** IPCP (and IPv6CP when enabled) reached Opened; IP packets may flow. Called once per link. */
        void networkUp(NetworkParameters parameters);

        /**
         * The link is finished: LCP closed after a Terminate exchange, negotiation gave up, or the peer
         * stopped answering echoes. The owner closes the TLS connection. Called at most once.
         */
        void linkDown(LinkDownReason reason, String detail);
    }

    /** Why the link went down, for logs, counters and the backend's reconnect policy. */
    public enum LinkDownReason {
        /** We called {@link #terminate} and the exchange completed (or timed out). */
        LOCAL_TERMINATE,
        /** The peer sent Terminate-Request; {@code detail} is its reason text, if any. */
        PEER_TERMINATE,
        /** No frame from the peer for {@code echoInterval × (echoFailures + 1)}. */
        PEER_DEAD,
        /** Configure-Requests went unanswered {@code maxConfigure} times, or options could not converge. */
        NEGOTIATION_FAILED,
        /** The peer rejected LCP itself, or IPCP (and IPv6CP) were rejected: no network protocol left. */
        NO_NETWORK_PROTOCOL
    }

    public PppEndpoint(PppSettings settings, int magicNumber, Listener listener) {
        throw new UnsupportedOperationException("todo");
    }

    /** The link is up (tunnel GET done): sends our LCP Configure-Request and starts the automaton. */
    public synchronized void open(long nowNanos) {
        throw new UnsupportedOperationException("todo");
    }

    /**
     * A frame that is not IPv4 or IPv6 data (or is data while its network protocol is not open, which
     * the endpoint answers or drops as RFC 1661 says). Malformed packets are dropped and counted in
     * {@link #malformedFrames()}, never thrown.
     */
    public synchronized void receiveFrame(byte[] frame, int offset, int length, long nowNanos) {
        throw new UnsupportedOperationException("todo");
    }

    /** Retransmissions and keepalive. Call often (every 250 ms is plenty). */
    public synchronized void tick(long nowNanos) {
        throw new UnsupportedOperationException("todo");
    }

    /** Marks the peer alive; call for every frame received, data included. */
    public void frameReceived(long nowNanos) {
        throw new UnsupportedOperationException("todo");
    }

    /** Starts an orderly close: LCP Terminate-Request with {@code reason} as its data. */
    public synchronized void terminate(String reason, long nowNanos) {
        throw new UnsupportedOperationException("todo");
    }

    /** True once IPCP is Opened (and stays true until LCP leaves Opened). Volatile read. */
    public boolean ipv4Open() {
        throw new UnsupportedOperationException("todo");
    }

    /** True once IPv6CP is Opened. Volatile read. */
    public boolean ipv6Open() {
        throw new UnsupportedOperationException("todo");
    }

    /** The parameters reported to {@link Listener#networkUp}, or null before. */
    public synchronized NetworkParameters parameters() {
        throw new UnsupportedOperationException("todo");
    }

    /** Control frames dropped as malformed. */
    public long malformedFrames() {
        throw new UnsupportedOperationException("todo");
    }

    /** A one-line state summary for status pages, e.g. {@code LCP Opened, IPCP Opened, IPv6CP Closed}. */
    public synchronized String describe() {
        throw new UnsupportedOperationException("todo");
    }
}
