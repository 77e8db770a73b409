package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MOBIKE (RFC 4555): MOBIKE_SUPPORTED in IKE_AUTH (§3.1), and in INFORMATIONAL requests UPDATE_SA_ADDRESSES (§3.5),
 * NAT detection on the new path (§3.5, RFC 7296 §2.23) and COOKIE2 (§3.6). The responder answers a path test (§3.4,
 * §3.9: NAT detection and COOKIE2 alone) without moving anything. ADDITIONAL_IP4/6_ADDRESS and
 * NO_ADDITIONAL_ADDRESSES are accepted and ignored: the gateway never starts a move of its own, so it needs no list
 * of the initiator's addresses. Our ESP is always UDP-encapsulated: our faked NAT_DETECTION_SOURCE_IP in each answer
 * keeps the initiator encapsulating on the new path too, NAT or not.
 */
final class Mobike {
    /** RFC 4555 §4.2.8: COOKIE2 carries 8 to 64 octets. */
    static final int COOKIE2_MIN = 8;
    static final int COOKIE2_MAX = 64;
    private static final int OUR_COOKIE2 = 16;

    private Mobike() {
    }

    /** Responder: MOBIKE_SUPPORTED back when the initiator sent it and the configuration allows MOBIKE (§3.1). */
    static List<IkePayload> accept(IkeSaTable table, IkeSa sa, IkeMessage authRequest) {
        sa.mobike = table.config().mobike() && authRequest.notify(NotifyType.MOBIKE_SUPPORTED).isPresent();
        if (!sa.mobike) {
            return List.of();
        }
        table.counters().count("mobike_negotiated");
        return List.of(NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED));
    }

    /** Initiator: what our IKE_AUTH request offers. */
    static List<IkePayload> offer(IkeSaTable table) {
        return table.config().mobike() ? List.of(NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED)) : List.of();
    }

    /** Initiator: MOBIKE holds when the responder answered MOBIKE_SUPPORTED to ours. */
    static void onAuthResponse(IkeSaTable table, IkeSa sa, IkeMessage response) {
        sa.mobike = table.config().mobike() && response.notify(NotifyType.MOBIKE_SUPPORTED).isPresent();
    }

    /**
     * Responder: the MOBIKE part of a protected INFORMATIONAL request that came from {@code source}; returns what the
     * response adds. Without MOBIKE negotiated nothing is acted on (§3.5) and the answer adds nothing.
     */
    static List<IkePayload> respond(IkeSaTable table, IkeSa sa, IkeMessage request, InetSocketAddress source) {
        Optional<NotifyPayload> update = request.notify(NotifyType.UPDATE_SA_ADDRESSES);
        Optional<NotifyPayload> cookie2 = request.notify(NotifyType.COOKIE2);
        boolean natDetection = request.notify(NotifyType.NAT_DETECTION_SOURCE_IP).isPresent()
                || request.notify(NotifyType.NAT_DETECTION_DESTINATION_IP).isPresent();
        if (!sa.mobike) {
            if (update.isPresent() || cookie2.isPresent()) {
                table.counters().drop("mobike_not_negotiated", sa + ": UPDATE_SA_ADDRESSES or COOKIE2 ignored");
            }
            return List.of();
        }
        if (update.isPresent()) {
            // §3.5: NAT detection again over the new path, then IKE and every Child SA to the request's source.
            sa.peerBehindNat = NatDetection.natInFront(request, sa.spiI, sa.spiR, source);
            table.counters().count("mobike_update_sa_addresses");
            PeerMove.move(table, sa, source, PeerMove.Reason.MOBIKE);
        }
        List<IkePayload> out = new ArrayList<>();
        if (natDetection) {
            out.addAll(NatDetection.announce(sa.spiI, sa.spiR, source));
        }
        if (cookie2.isPresent()) {
            int length = cookie2.get().data().length();
            if (length >= COOKIE2_MIN && length <= COOKIE2_MAX) {
                out.add(NotifyPayload.of(NotifyType.COOKIE2, cookie2.get().data()));
            } else {
                table.counters().drop("mobike_cookie2_length", sa + ": COOKIE2 of " + length + " octets");
            }
        }
        return out;
    }

    /**
     * Initiator: our address is now {@code local}; UPDATE_SA_ADDRESSES, sent from there, asks the responder to move
     * the IKE SA and its Child SAs to it. False when the SA is not usable (not established, or a request in flight).
     */
    static boolean update(IkeSaTable table, IkeSa sa, InetSocketAddress local) {
        synchronized (sa) {
            if (!sa.originalInitiator || !IkeSaTable.usable(sa)) {
                return false;
            }
            sa.local = local;
            return table.sendRequest(sa, ExchangeType.INFORMATIONAL, updateRequest(table, sa));
        }
    }

    /**
     * Initiator: UPDATE_SA_ADDRESSES with NAT detection for the new path and a fresh COOKIE2 (§3.5, §3.6). Sent also
     * without MOBIKE negotiated (a responder then ignores it), so a test can check exactly that.
     */
    private static List<IkePayload> updateRequest(IkeSaTable table, IkeSa sa) {
        sa.cookie2 = table.randomBytes(OUR_COOKIE2);
        List<IkePayload> out = new ArrayList<>();
        out.add(NotifyPayload.of(NotifyType.UPDATE_SA_ADDRESSES));
        out.addAll(NatDetection.announce(sa.spiI, sa.spiR, sa.peer));
        out.add(NotifyPayload.of(NotifyType.COOKIE2, Octets.of(sa.cookie2)));
        return out;
    }

    /** Initiator: the response to our INFORMATIONAL; with a COOKIE2 outstanding it must echo it (§3.6). */
    static void onInformationalResponse(IkeSaTable table, IkeSa sa, IkeMessage response) {
        byte[] sent = sa.cookie2;
        if (sent == null) {
            return;
        }
        sa.cookie2 = null;
        boolean echoed = response.notify(NotifyType.COOKIE2)
                .map(n -> MessageDigest.isEqual(n.data().toByteArray(), sent)).orElse(false);
        if (echoed) {
            table.counters().count("mobike_cookie2_echoed");
        } else {
            table.counters().drop("mobike_cookie2_not_echoed", sa + ": the response lacks our COOKIE2");
        }
    }
}
