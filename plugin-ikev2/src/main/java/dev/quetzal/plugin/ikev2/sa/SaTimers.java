package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.DeletePayload;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import java.util.List;

/**
 * Everything time does to one IKE SA, on each tick: retransmissions with backoff and dead peers (RFC 7296 §2.1), the
 * half-open and superseded timeouts, and lifetimes (§2.8): at an SA's soft deadline, or when ESP nears its sequence or
 * byte limits (RFC 4303 §3.3.3), we rekey it; at its hard deadline an SA that was not rekeyed is deleted; a silent
 * peer is checked for liveness ({@link DeadPeerDetection}, §2.4).
 */
final class SaTimers {
    /** After a rekey attempt that did not replace the SA (refused, TEMPORARY_FAILURE, §2.25): when to try again. */
    static final long RETRY_NANOS = 2_000_000_000L;

    private SaTimers() {
    }

    /** Called under the SA's lock. */
    static void tick(IkeSaTable table, IkeSa sa, long now) {
        IkeSa.OutstandingRequest out = sa.outstanding;
        if (out != null && now - out.sentNanos() >= IkeSaTable.RETRANSMIT_NANOS << (out.tries() - 1)) {
            if (out.tries() >= IkeSaTable.MAX_TRIES) {
                table.counters().drop("peer_unresponsive", sa + ": no response to "
                        + ExchangeType.name(out.exchangeType()) + " #" + out.messageId() + " after " + out.tries()
                        + " tries");
                if (DeadPeerDetection.isProbe(out)) {
                    DeadPeerDetection.peerDead(table, sa, out, now);
                } else {
                    table.remove(sa, "peer unresponsive");
                }
                return;
            }
            table.counters().count("retransmitted");
            sa.outstanding = out.retried(now);
            table.send(sa, out.wire());
        }
        if (sa.superseded && sa.state != IkeSa.State.CLOSED && now - sa.supersededNanos >= IkeSaTable.SUPERSEDED_NANOS) {
            // The rekey initiator never deleted the old IKE SA: forget it; its children live on.
            table.counters().drop("superseded_timeout", sa + ": no Delete for the rekeyed IKE SA");
            table.remove(sa, "rekeyed, never deleted");
            return;
        }
        if (!sa.originalInitiator && sa.state == IkeSa.State.AUTHENTICATING
                && now - sa.createdNanos >= IkeSaTable.HALF_OPEN_NANOS) {
            table.counters().drop("half_open_timeout", sa + ": no IKE_AUTH within 30 s");
            table.remove(sa, "half-open timeout");
            return;
        }
        if (sa.state == IkeSa.State.ESTABLISHED && !sa.superseded && !sa.deleting) {
            lifetimes(table, sa, now);
            DeadPeerDetection.tick(table, sa, now);
        }
    }

    private static void lifetimes(IkeSaTable table, IkeSa sa, long now) {
        if (sa.deadline != null && now >= sa.deadline.hardNanos()) {
            expire(table, sa, "ike_sa_expired", "hard lifetime reached without a rekey");
            return;
        }
        if (Reauthentication.due(sa, now)) {
            expire(table, sa, "reauth_expired", "authentication lifetime ended without a reauthentication");
            return;
        }
        for (Dataplane.ChildSa child : List.copyOf(sa.children)) {
            IkeSa.ChildTerms terms = sa.childTerms.get(child.inboundSpi());
            if (terms != null && now >= terms.deadline().hardNanos()) {
                // RFC 4301 §4.4.2.1: past its hard lifetime the SA carries nothing more; the peer hears of it.
                table.counters().drop("child_sa_expired", sa + ": Child SA " + Integer.toHexString(child.inboundSpi())
                        + " reached its hard lifetime without a rekey");
                child.remove();
                sa.forget(child);
                sa.expiredChildren.add(child.inboundSpi());
            }
        }
        if (sa.outstanding != null) {
            return;
        }
        if (!sa.expiredChildren.isEmpty()) {
            int[] spis = sa.expiredChildren.stream().mapToInt(Integer::intValue).toArray();
            sa.expiredChildren.clear();
            table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.esp(spis)));
            return;
        }
        if (RoutePush.step(table, sa, now)) {
            return;
        }
        for (Dataplane.ChildSa child : sa.children) {
            IkeSa.ChildTerms terms = sa.childTerms.get(child.inboundSpi());
            if (terms == null || sa.replacedChildren.contains(child.inboundSpi()) || now < terms.notBeforeNanos()) {
                continue;
            }
            boolean soft = now >= terms.deadline().softNanos();
            if (soft || child.rekeyNeeded()) {
                sa.childTerms.put(child.inboundSpi(), terms.triedAt(now, RETRY_NANOS));
                if (CreateChildRequests.rekeyAsNegotiated(table, sa, child)) {
                    table.counters().count("child_rekey_started");
                }
                return;
            }
        }
        if (sa.deadline != null && now >= sa.deadline.softNanos() && now >= sa.rekeyNotBeforeNanos) {
            sa.rekeyNotBeforeNanos = now + RETRY_NANOS;
            if (IkeRekey.request(table, sa)) {
                table.counters().count("ike_rekey_started");
            }
        }
    }

    /**
     * The IKE SA's hard or authentication lifetime: its Child SAs stop at once, any request of ours is given up, a
     * Delete goes out.
     */
    private static void expire(IkeSaTable table, IkeSa sa, String counter, String reason) {
        table.counters().drop(counter, sa + ": " + reason);
        CreateChildRequests.abandon(table, sa);
        sa.removeChildren();
        sa.deleting = true;
        table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.ikeSa()));
    }
}
