package dev.quetzal.plugin.ikev2.engine;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The IKE control plane: every IKE SA and its exchanges. Called by the frontend's receive threads
 * and timer; implementations serialize per IKE SA and never block the caller on crypto-heavy work for
 * more than one message.
 */
public interface IkeEngine extends AutoCloseable {
    /**
     * One received IKE message (non-ESP marker already removed), as it arrived from {@code peer} on
     * {@code local}. Malformed input is counted and answered or dropped as RFC 7296 says; never throws.
     */
    void receive(byte[] message, int offset, int length, InetSocketAddress peer, InetSocketAddress local);

    /** Retransmissions, half-open and dead-peer timeouts, rekeys. Called about every 100 ms. */
    void tick(long nowNanos);

    /**
     * The gateway's route set changed: established IKE SAs offer their clients the new traffic selectors themselves
     * (a CREATE_CHILD_SA that rekeys each Child SA whose narrowing changed, RFC 7296 §1.3.3, §2.9). Never throws.
     */
    void routesChanged();

    /**
     * A verified ESP packet of this IKE SA moved its peer (a NAT rebinding, RFC 7296 §2.23): IKE follows it under the
     * same rule ({@link Dataplane#followRebinding}). Never throws.
     */
    void espPeerMoved(String ikeSaId, InetSocketAddress peer);

    /** Counters and one entry per IKE SA for the status page; no secrets. */
    Map<String, Object> status();

    /** Sends a Delete for every IKE SA (best effort, bounded), then forgets them. */
    @Override
    void close();
}
