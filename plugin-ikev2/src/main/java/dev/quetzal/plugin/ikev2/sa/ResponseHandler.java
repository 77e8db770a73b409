package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.DeletePayload;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Responses to our own requests (RFC 7296 §2.2: only the one outstanding message ID is accepted), for the role that
 * sent them: IKE_SA_INIT (with the INVALID_KE_PAYLOAD retry, §1.2), IKE_AUTH, INFORMATIONAL, CREATE_CHILD_SA (§1.3).
 */
final class ResponseHandler {
    /** COOKIE answers we follow for one IKE SA (a new secret or an INVALID_KE_PAYLOAD retry may need another). */
    static final int MAX_COOKIES = 3;

    private ResponseHandler() {
    }

    static void handle(IkeSaTable table, IkeSa sa, DecodeResult.Ok ok, byte[] raw, InetSocketAddress source) {
        IkeHeader h = ok.message().header();
        IkeSa.OutstandingRequest out = sa.outstanding;
        if (out == null || out.messageId() != h.messageId() || out.exchangeType() != h.exchangeType()) {
            table.counters().drop("unexpected_response", sa + ": " + h);
            return;
        }
        if (h.exchangeType() == ExchangeType.IKE_SA_INIT) {
            initResponse(table, sa, ok.message(), raw);
            return;
        }
        Optional<IkeMessage> inner = table.open(sa, ok);
        if (inner.isEmpty()) {
            return;
        }
        sa.outstanding = null;
        if (sa.state == IkeSa.State.ESTABLISHED) {
            PeerMove.authenticated(table, sa, source);
        }
        IkeMessage message = inner.get();
        switch (h.exchangeType()) {
            case ExchangeType.IKE_AUTH -> authResponse(table, sa, message);
            case ExchangeType.INFORMATIONAL -> {
                boolean deletedIke = out.inner().stream().anyMatch(p -> p instanceof DeletePayload d
                        && d.protocolId() == ProtocolId.IKE);
                if (deletedIke) {
                    table.remove(sa, "deleted by us");
                } else {
                    CreateChildRequests.deleted(table, sa, out.inner().stream()
                            .filter(p -> p instanceof DeletePayload).map(p -> (DeletePayload) p).toList());
                    Mobike.onInformationalResponse(table, sa, message);
                    table.counters().count("informational_answered");
                }
            }
            case ExchangeType.CREATE_CHILD_SA -> CreateChildRequests.onResponse(table, sa, message);
            default -> table.counters().drop("unexpected_response", sa + ": " + h);
        }
    }

    private static void initResponse(IkeSaTable table, IkeSa sa, IkeMessage response, byte[] raw) {
        Optional<NotifyPayload> cookie = response.notify(NotifyType.COOKIE);
        if (cookie.isPresent()) {
            returnCookie(table, sa, cookie.get());
            return;
        }
        Optional<String> failure = InitExchange.onResponse(table, sa, response, raw);
        if (failure.isPresent() && failure.get().startsWith("retry:")) {
            DhGroup group = DhGroup.valueOf(Integer.parseInt(failure.get().substring(6)));
            boolean ours = table.config().policy().suites().stream()
                    .anyMatch(s -> table.config().policy().groupsFor(s).contains(group));
            if (!ours || group.equals(sa.dh.group())) {
                table.counters().drop("invalid_ke_unusable", sa + ": responder asks for " + group);
                table.remove(sa, "no common group");
                return;
            }
            table.counters().count("invalid_ke_retry");
            sa.outstanding = null;
            table.startInit(sa, group);
            return;
        }
        if (failure.isPresent()) {
            table.counters().drop("init_failed", sa + ": " + failure.get());
            table.remove(sa, failure.get());
            return;
        }
        sa.outstanding = null;
        sa.state = IkeSa.State.AUTHENTICATING;
        List<IkePayload> auth = new ArrayList<>(AuthExchange.ownAuthentication(table, sa));
        auth.addAll(AuthChildSa.request(table, sa));
        auth.addAll(Mobike.offer(table));
        table.sendRequest(sa, ExchangeType.IKE_AUTH, auth);
    }

    /** §2.6: the same request again, the responder's cookie as its first payload; a few times at most. */
    private static void returnCookie(IkeSaTable table, IkeSa sa, NotifyPayload cookie) {
        if (sa.cookiesReturned >= MAX_COOKIES || cookie.data().isEmpty() || cookie.data().length() > 64) {
            table.counters().drop("cookie_unusable", sa + ": responder sent COOKIE " + (sa.cookiesReturned + 1)
                    + " times or with " + cookie.data().length() + " octets");
            table.remove(sa, "responder keeps asking for a cookie");
            return;
        }
        sa.cookiesReturned++;
        table.counters().count("cookie_returned");
        byte[] wire = InitExchange.withCookie(sa, cookie);
        sa.outstanding = new IkeSa.OutstandingRequest(0, ExchangeType.IKE_SA_INIT, wire, List.of(), table.nowNanos(), 1);
        table.send(sa, wire);
    }

    private static void authResponse(IkeSaTable table, IkeSa sa, IkeMessage response) {
        if (response.notify(NotifyType.AUTHENTICATION_FAILED).isPresent()) {
            table.counters().drop("auth_refused_by_peer", sa + ": responder sent AUTHENTICATION_FAILED");
            table.remove(sa, "authentication refused by the peer");
            return;
        }
        Optional<String> identity = AuthExchange.verifyPeer(table, sa, response);
        if (identity.isEmpty()) {
            table.remove(sa, "responder authentication failed");
            return;
        }
        sa.identity = identity.get();
        sa.state = IkeSa.State.ESTABLISHED;
        Mobike.onAuthResponse(table, sa, response);
        table.established(sa);
        AuthChildSa.onResponse(table, sa, response);
    }
}
