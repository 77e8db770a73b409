package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NotifyType;

/**
 * INITIAL_CONTACT in an IKE_AUTH request (RFC 7296 §2.4): the peer holds no other IKE SA with us (it restarted), so
 * the older IKE SAs of the same authenticated identity from the same address and port are stale. They are removed
 * with their Child SAs before the new SA asks for its addresses, so the released addresses can go to it, and nothing
 * is sent to the peer about them.
 *
 * <p>The RFC lets the recipient delete every SA of the identity (a MAY), but a laptop and a phone often share one
 * client certificate, and each sends INITIAL_CONTACT when it connects: deleting by identity alone would have each
 * device cut the other off. An SA left behind by a device that restarted behind a NAT, on a new port, is removed
 * by dead-peer detection instead.
 */
final class InitialContact {
    private InitialContact() {
    }

    /**
     * Called under {@code sa}'s lock once its peer is authenticated. Only SAs created before it are locked (newer
     * before older, never the reverse), so two clients of one identity connecting at once cannot deadlock.
     */
    static void apply(IkeSaTable table, IkeSa sa, IkeMessage request) {
        if (request.notify(NotifyType.INITIAL_CONTACT).isEmpty() || sa.identity.isEmpty()) {
            return;
        }
        for (IkeSa other : table.all()) {
            if (other == sa || !olderThan(other, sa)) {
                continue;
            }
            synchronized (other) {
                if (other.state != IkeSa.State.CLOSED && sa.identity.equals(other.identity)
                        && sa.peer.equals(other.peer)) {
                    table.counters().count("ike_sa_replaced_initial_contact");
                    table.remove(other, "replaced by IKE SA " + sa.id() + " (INITIAL_CONTACT)");
                }
            }
        }
    }

    private static boolean olderThan(IkeSa a, IkeSa b) {
        long created = a.createdNanos - b.createdNanos;
        return created < 0 || created == 0 && Long.compareUnsigned(a.localSpi(), b.localSpi()) < 0;
    }
}
