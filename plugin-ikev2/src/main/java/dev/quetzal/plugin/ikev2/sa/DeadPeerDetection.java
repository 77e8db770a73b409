package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import java.util.List;

/**
 * Dead-peer detection (RFC 7296 §2.4): an established IKE SA that heard nothing from its peer for the configured
 * interval, neither a protected IKE message nor a verified ESP packet on one of its Child SAs, sends an empty
 * INFORMATIONAL request. It is retransmitted like any request (§2.1); when the retries run out unanswered, the peer
 * is taken for dead and the IKE SA and its Child SAs are removed without another message to it. A busy tunnel is
 * never probed: its ESP proves the peer alive.
 */
final class DeadPeerDetection {
    private DeadPeerDetection() {
    }

    /** Called on each tick under the SA's lock: sends a liveness check when the peer has been silent too long. */
    static void tick(IkeSaTable table, IkeSa sa, long now) {
        long interval = table.config().lifetimes().dpdIntervalNanos();
        if (interval == 0 || !IkeSaTable.usable(sa) || now - lastHeard(sa) < interval) {
            return;
        }
        if (table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of())) {
            table.counters().count("dpd_probe_sent");
        }
    }

    /** The latest sign of life: a protected IKE message, a verified ESP packet, or the SA's creation. */
    static long lastHeard(IkeSa sa) {
        long last = Math.max(sa.createdNanos, sa.lastHeardNanos);
        for (Dataplane.ChildSa child : sa.children) {
            long inbound = child.lastInboundNanos();
            if (inbound != 0 && inbound - last > 0) {
                last = inbound;
            }
        }
        return last;
    }

    /** True for a liveness check: an INFORMATIONAL request without payloads (RFC 7296 §1.4). */
    static boolean isProbe(IkeSa.OutstandingRequest request) {
        return request.exchangeType() == ExchangeType.INFORMATIONAL && request.inner().isEmpty();
    }

    /** The liveness check went unanswered through every retry: the peer is gone, so is the SA, quietly. */
    static void peerDead(IkeSaTable table, IkeSa sa, IkeSa.OutstandingRequest probe, long now) {
        table.counters().count("dead_peer_detected");
        table.remove(sa, "dead peer: no answer to a liveness check in " + (now - lastHeard(sa)) / 1_000_000_000L
                + " s of silence, " + probe.tries() + " tries");
    }
}
