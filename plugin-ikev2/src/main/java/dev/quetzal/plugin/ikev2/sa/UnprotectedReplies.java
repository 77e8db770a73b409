package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The drops and answers for messages that no IKE SA protects (RFC 7296 §1.5, §2.5, §2.21.1, §2.21.4): each drop is
 * counted by reason, and the few errors the RFC lets a responder answer without keys get an unprotected response that
 * copies the request's SPIs, exchange type and Message ID. Never an answer to a response. The error answers share one
 * token bucket ({@link #ANSWERS_PER_SECOND} a second), so forged requests cannot turn the gateway into an amplifier.
 */
final class UnprotectedReplies {
    /** Error answers per second (and burst) for the whole engine. */
    static final int ANSWERS_PER_SECOND = 10;

    private final IkeTransport transport;
    private final Counters counters;
    private final TokenBucket bucket;

    UnprotectedReplies(IkeTransport transport, Counters counters, LongSupplier nanoClock) {
        this.transport = transport;
        this.counters = counters;
        this.bucket = new TokenBucket(ANSWERS_PER_SECOND, ANSWERS_PER_SECOND, nanoClock);
    }

    /** A datagram that did not decode as IKEv2 ({@code length} bytes): counted by reason, answered at most once. */
    void undecodable(DecodeResult.Error error, int length, InetSocketAddress peer, InetSocketAddress local) {
        if (error.header().isEmpty()) {
            counters.drop("malformed_short", peer + ": " + error.reason());
            return;
        }
        IkeHeader h = error.header().get();
        if (h.majorVersion() > 2) {
            // §2.5: drop, and a request SHOULD get INVALID_MAJOR_VERSION in a header with the version we speak (2.0).
            counters.drop("invalid_major_version", peer + ": " + error.reason());
            if (!h.response()) {
                answer(h, NotifyPayload.of(NotifyType.INVALID_MAJOR_VERSION), peer, local);
            }
        } else if (h.majorVersion() < 2) {
            counters.drop("not_ikev2", peer + ": " + error.reason());
        } else if (h.length() != length) {
            counters.drop("malformed_length", peer + ": " + error.reason());
        } else {
            // §3.10.1: INVALID_SYNTAX may only be sent in an encrypted message whose Message ID and integrity checked
            // out. Nothing here is authenticated, so a broken payload chain, IKE_SA_INIT included, is only dropped.
            counters.drop("malformed_payload", peer + ": " + error.reason());
        }
    }

    /**
     * A message for an IKE SA we do not have (§2.21.4, §1.5): a request MAY get INVALID_IKE_SPI, unprotected, to the
     * address and port it came from; a response MUST NOT get anything.
     */
    void unknownSpi(IkeHeader h, InetSocketAddress peer, InetSocketAddress local) {
        counters.drop("unknown_spi", peer + ": " + h);
        if (!h.response()) {
            answer(h, NotifyPayload.of(NotifyType.INVALID_IKE_SPI), peer, local);
        }
    }

    /** An IKE_SA_INIT request with an unknown critical payload (§2.5): UNSUPPORTED_CRITICAL_PAYLOAD with its type. */
    void unsupportedCritical(IkeHeader h, int payloadType, InetSocketAddress peer, InetSocketAddress local) {
        counters.drop("unsupported_critical_payload", peer + ": payload type " + payloadType + " in " + h);
        answer(h, NotifyPayload.unsupportedCritical(payloadType), peer, local);
    }

    /**
     * An IKE_SA_INIT request we refuse in the negotiation (NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD, §1.2, §2.7): always
     * answered, since the answer is what lets a real client retry; it is smaller than the request.
     */
    void refuseInit(IkeHeader h, NotifyPayload notify, String reason, InetSocketAddress peer, InetSocketAddress local) {
        counters.refuse("init_refused_" + NotifyType.name(notify.notifyType()).toLowerCase(Locale.ROOT), peer + ": " + reason);
        send(h, notify, peer, local);
    }

    /**
     * An IKE_SA_INIT request that must first return a cookie (§2.6): answered with only N(COOKIE), SPIr zero, and
     * never rate-limited, since a real client needs it to connect; it is smaller than the request.
     */
    void cookie(IkeHeader h, byte[] cookie, InetSocketAddress peer, InetSocketAddress local) {
        send(h, NotifyPayload.of(NotifyType.COOKIE, Octets.of(cookie)), peer, local);
    }

    private void answer(IkeHeader h, NotifyPayload notify, InetSocketAddress peer, InetSocketAddress local) {
        String name = NotifyType.name(notify.notifyType()).toLowerCase(Locale.ROOT);
        if (!bucket.tryTake()) {
            counters.drop("error_answer_rate_limited", peer + ": no " + name + " (more than " + ANSWERS_PER_SECOND
                    + " a second)");
            return;
        }
        counters.count("error_answer_" + name);
        send(h, notify, peer, local);
    }

    private void send(IkeHeader h, NotifyPayload notify, InetSocketAddress peer, InetSocketAddress local) {
        // §1.5: same SPIs, exchange type and Message ID, the Response flag set, the I flag as our role makes it.
        IkeHeader header = IkeHeader.of(h.initiatorSpi(), h.responderSpi(), h.exchangeType(), !h.initiator(), true,
                h.messageId());
        byte[] wire = new IkeMessage(header, notify).encode();
        transport.send(wire, 0, wire.length, local, peer);
    }
}
