package dev.quetzal.plugin.ikev2.sa;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the peer of an IKE SA is, and the one rule for when it moves, for IKE and its Child SAs' ESP alike:
 * <ul>
 * <li>without MOBIKE, an authenticated message from a new address or port moves the peer when a NAT was detected in
 * front of it (RFC 7296 §2.23: a NAT may rebind its mapping; a peer not behind NAT does not change address);</li>
 * <li>with MOBIKE, only its UPDATE_SA_ADDRESSES does (RFC 4555 §3.5: the initiator decides the addresses).</li>
 * </ul>
 * A message that does not verify never moves anything: these are called only after the SK payload opened.
 */
final class PeerMove {
    private static final Logger LOG = LoggerFactory.getLogger(PeerMove.class);

    /** Why the peer moved, for the log line and the counter. */
    enum Reason {
        NAT_REBINDING("NAT rebinding", "peer_moved_rebinding"),
        MOBIKE("MOBIKE UPDATE_SA_ADDRESSES", "peer_moved_mobike");

        final String text;
        final String counter;

        Reason(String text, String counter) {
            this.text = text;
            this.counter = counter;
        }
    }

    private PeerMove() {
    }

    /** Whether an authenticated IKE message or verified ESP packet from a new address moves the peer on its own. */
    static boolean followsRebinding(IkeSa sa) {
        return sa.peerBehindNat && !sa.mobike;
    }

    /**
     * A protected message of the established {@code sa} verified and came from {@code source}: the peer follows it if
     * {@link #followsRebinding} allows; otherwise the move is counted and ignored.
     */
    static void authenticated(IkeSaTable table, IkeSa sa, InetSocketAddress source) {
        if (source.equals(sa.peer)) {
            return;
        }
        if (followsRebinding(sa)) {
            move(table, sa, source, Reason.NAT_REBINDING);
        } else {
            table.counters().count(sa.mobike ? "peer_address_ignored_mobike" : "peer_address_ignored_no_nat");
        }
    }

    /** The responder's IKE_AUTH request came from the NAT-T port (RFC 7296 §2.23 float): not a move, no log line. */
    static void floated(IkeSaTable table, IkeSa sa, InetSocketAddress source) {
        if (!source.equals(sa.peer)) {
            setPeer(table, sa, source);
        }
    }

    /**
     * A verified ESP packet of one of {@code sa}'s Child SAs moved ESP to {@code to} (the data plane follows the same
     * rule): IKE follows too, so our next request reaches the peer. The data plane logged the move.
     */
    static void fromEsp(IkeSaTable table, IkeSa sa, InetSocketAddress to) {
        synchronized (sa) {
            if (sa.state == IkeSa.State.ESTABLISHED && !sa.superseded && followsRebinding(sa) && !to.equals(sa.peer)) {
                setPeer(table, sa, to);
                table.counters().count("peer_moved_rebinding_esp");
            }
        }
    }

    /** Moves the IKE SA (and its successor after a rekey) and every Child SA's ESP to {@code to}. */
    static void move(IkeSaTable table, IkeSa sa, InetSocketAddress to, Reason reason) {
        if (to.equals(sa.peer)) {
            return;
        }
        InetSocketAddress from = sa.peer;
        setPeer(table, sa, to);
        table.counters().count(reason.counter);
        LOG.info("IKE SA {} peer moved: {} -> {} ({})", sa.id(), from, to, reason.text);
    }

    private static void setPeer(IkeSaTable table, IkeSa sa, InetSocketAddress to) {
        sa.peer = to;
        if (sa.successor != null) {
            synchronized (sa.successor) {
                sa.successor.peer = to;
            }
        }
        table.dataplane().peerMoved(sa.id(), to);
        table.dataplane().followRebinding(sa.id(), followsRebinding(sa));
    }
}
