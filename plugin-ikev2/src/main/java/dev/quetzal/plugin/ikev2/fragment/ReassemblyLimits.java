package dev.quetzal.plugin.ikev2.fragment;

import java.time.Duration;

/**
 * Bounds on what a {@link Reassembler} holds for one IKE SA (RFC 7383 §5 asks receivers to limit the resources
 * fragments can tie up). Memory per SA stays below about {@code 2 × maxConcurrent × maxMessageBytes}: the received
 * fragments plus their decrypted content.
 *
 * @param maxFragments the largest Total Fragments accepted
 * @param maxMessageBytes the most octets of received fragment messages kept for one message; the reassembled
 *     content is always smaller
 * @param maxConcurrent messages reassembled at once; a new one beyond it evicts the oldest
 * @param timeout how long after its first fragment an incomplete message is given up
 */
public record ReassemblyLimits(int maxFragments, int maxMessageBytes, int maxConcurrent, Duration timeout) {
    /**
     * 32 fragments, 64 KiB, 4 messages, 30 s. Window size 1 (RFC 7296 §2.3) allows one request and one response
     * in flight per direction; the slack covers a peer that abandoned a message and a retransmission that
     * overlaps it. 30 s spans the retransmissions of a typical initiator.
     */
    public static final ReassemblyLimits DEFAULT = new ReassemblyLimits(32, 64 * 1024, 4, Duration.ofSeconds(30));

    public ReassemblyLimits {
        if (maxFragments < 1 || maxFragments > Fragmenter.MAX_TOTAL) {
            throw new IllegalArgumentException("maxFragments must be 1..65535, got " + maxFragments);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be positive, got " + maxConcurrent);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
