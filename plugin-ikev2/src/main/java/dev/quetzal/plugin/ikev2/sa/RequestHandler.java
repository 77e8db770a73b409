package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a protected request inside the window (RFC 7296 §2.2), by exchange: IKE_AUTH (§1.2), INFORMATIONAL
 * (§1.4), CREATE_CHILD_SA (§1.3). {@link IkeSaTable} seals, caches and sends it.
 */
final class RequestHandler {
    /** The inner payloads of the response and whether the IKE SA ends once it is sent. */
    record Reply(List<IkePayload> payloads, boolean closeAfter) {
    }

    private RequestHandler() {
    }

    /** The reply to a request from {@code source}, or empty when it is dropped (counted) without an answer. */
    static Optional<Reply> handle(IkeSaTable table, IkeSa sa, IkeHeader h, IkeMessage message,
            InetSocketAddress source) {
        if (message.unsupportedCriticalType().isPresent()) {
            return Optional.of(new Reply(List.of(NotifyPayload.unsupportedCritical(
                    message.unsupportedCriticalType().getAsInt())), false));
        }
        switch (h.exchangeType()) {
            case ExchangeType.IKE_AUTH -> {
                if (sa.originalInitiator || sa.state != IkeSa.State.AUTHENTICATING) {
                    table.counters().drop("auth_unexpected", sa + ": IKE_AUTH request in state " + sa.state);
                    return Optional.empty();
                }
                Optional<String> identity = AuthExchange.verifyPeer(table, sa, message);
                if (identity.isEmpty()) {
                    return Optional.of(new Reply(List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED)), true));
                }
                sa.identity = identity.get();
                sa.state = IkeSa.State.ESTABLISHED;
                table.authenticated(sa);
                InitialContact.apply(table, sa, message);
                // Before the Child SA is installed: MOBIKE decides whether its ESP follows a rebinding.
                List<IkePayload> mobike = Mobike.accept(table, sa, message);
                List<IkePayload> reply = new ArrayList<>(AuthExchange.ownAuthentication(table, sa));
                reply.addAll(AuthChildSa.respond(table, sa, message));
                reply.addAll(mobike);
                reply.addAll(Reauthentication.announce(table, sa));
                table.established(sa);
                return Optional.of(new Reply(reply, false));
            }
            case ExchangeType.INFORMATIONAL -> {
                InformationalExchange.Reply r = InformationalExchange.respond(table, sa, message);
                List<IkePayload> reply = new ArrayList<>(r.payloads());
                if (!r.closeAfter()) {
                    reply.addAll(Mobike.respond(table, sa, message, source));
                }
                return Optional.of(new Reply(reply, r.closeAfter()));
            }
            case ExchangeType.CREATE_CHILD_SA -> {
                if (sa.state != IkeSa.State.ESTABLISHED) {
                    table.counters().drop("create_child_sa_unexpected", sa + ": CREATE_CHILD_SA in state " + sa.state);
                    return Optional.empty();
                }
                return Optional.of(new Reply(CreateChildExchange.respond(table, sa, message), false));
            }
            default -> {
                table.counters().drop("unknown_exchange", sa + ": " + h);
                return Optional.empty();
            }
        }
    }
}
