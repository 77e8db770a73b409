package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.auth.CertificateAuthorityHashes;
import dev.quetzal.plugin.ikev2.auth.SignatureHashAlgorithms;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.DhResult;
import dev.quetzal.plugin.ikev2.crypto.DiffieHellman;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.KeySchedule;
import dev.quetzal.plugin.ikev2.message.CertEncoding;
import dev.quetzal.plugin.ikev2.message.CertReqPayload;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.KePayload;
import dev.quetzal.plugin.ikev2.message.NoncePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IKE_SA_INIT (RFC 7296 §1.2), both roles: SA, KE, nonce, NAT detection (§2.23), IKEV2_FRAGMENTATION_SUPPORTED
 * (RFC 7383 §2.3), SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4) and, from the responder, CERTREQ (§3.7). Keys follow
 * §2.14 once both nonces and g^ir are known.
 */
final class InitExchange {
    static final int NONCE_SIZE = 32;

    private InitExchange() {
    }

    /** What the responder does with an IKE_SA_INIT request. */
    sealed interface Outcome {
        /** Answer and keep the new half-open SA. */
        record Accepted(IkeSa sa, byte[] response) implements Outcome {
        }

        /** Answer with this unprotected notify, keep no state (§2.21.1). */
        record Refused(NotifyPayload answer, String reason) implements Outcome {
        }

        /** Drop silently; {@code counter} names the reason (a drop counter). */
        record Dropped(String counter, String reason) implements Outcome {
        }
    }

    static Outcome respond(IkeSaTable table, IkeMessage request, byte[] raw, java.net.InetSocketAddress peer,
            java.net.InetSocketAddress local) {
        IkeHeader h = request.header();
        Optional<SaPayload> sa = request.first(SaPayload.class);
        Optional<KePayload> ke = request.first(KePayload.class);
        Optional<NoncePayload> nonce = request.first(NoncePayload.class);
        // §3.10.1: INVALID_SYNTAX goes only in an encrypted message with a valid Message ID and checksum, so a broken
        // IKE_SA_INIT, which nothing authenticates, is dropped and counted without an answer.
        if (sa.isEmpty() || ke.isEmpty() || nonce.isEmpty()) {
            return new Outcome.Dropped("init_missing_payload", "IKE_SA_INIT without SA, KE or Ni");
        }
        IkeSelection selection = table.selector().selectIke(sa.get(), ke.get().group(), Octets.EMPTY);
        if (selection instanceof IkeSelection.NoProposal none) {
            return new Outcome.Refused(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN), none.reason());
        }
        if (selection instanceof IkeSelection.InvalidKe invalid) {
            return new Outcome.Refused(NotifyPayload.invalidKe(invalid.group()),
                    "KE group " + ke.get().group() + " is not the chosen " + invalid.group());
        }
        IkeSelection.Chosen chosen = (IkeSelection.Chosen) selection;
        IkeSuite suite = chosen.suite();
        DiffieHellman dh = DiffieHellman.generate(suite.group(), table.random());
        DhResult agreed = dh.agree(ke.get().data().toByteArray());
        if (!(agreed instanceof DhResult.Agreed(byte[] gir))) {
            return new Outcome.Dropped("init_invalid_ke_value",
                    "peer KE value refused: " + ((DhResult.Invalid) agreed).message());
        }
        long spiR = table.newIkeSpi();
        IkeSa state = new IkeSa(false, h.initiatorSpi(), spiR, peer, local, table.nowNanos());
        state.ni = nonce.get().nonce().toByteArray();
        state.nr = table.randomBytes(NONCE_SIZE);
        state.initRequest = raw;
        readPeerNotifies(state, request);
        state.peerBehindNat = NatDetection.natInFront(request, state.spiI, 0, peer);
        List<IkePayload> out = new ArrayList<>();
        out.add(new SaPayload(chosen.answer()));
        out.add(new KePayload(suite.group().id(), Octets.of(dh.publicValue())));
        out.add(new NoncePayload(Octets.of(state.nr)));
        out.addAll(NatDetection.announce(state.spiI, spiR, peer));
        out.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        out.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS,
                Octets.of(SignatureHashAlgorithms.encode(SignatureHashAlgorithms.SUPPORTED))));
        out.add(certificateRequest(table));
        byte[] response = new IkeMessage(IkeHeader.of(state.spiI, spiR, ExchangeType.IKE_SA_INIT, false, true,
                h.messageId()), out).encode();
        state.initResponse = response;
        state.sk = new SkProtection(suite, KeySchedule.initialIkeSaKeys(suite, state.ni, state.nr, gir, state.spiI,
                spiR), false, table.random());
        state.nextPeerRequestId = h.messageId() + 1;
        return new Outcome.Accepted(state, response);
    }

    /** The initiator's request; {@code group} is our guess (or the group an INVALID_KE_PAYLOAD asked for). */
    static byte[] request(IkeSaTable table, IkeSa sa, DhGroup group) {
        sa.dh = DiffieHellman.generate(group, table.random());
        sa.ni = table.randomBytes(NONCE_SIZE);
        List<IkePayload> out = new ArrayList<>();
        out.add(table.selector().offerIke(Octets.EMPTY));
        out.add(new KePayload(group.id(), Octets.of(sa.dh.publicValue())));
        out.add(new NoncePayload(Octets.of(sa.ni)));
        out.addAll(NatDetection.announce(sa.spiI, 0, sa.peer));
        out.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        out.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS,
                Octets.of(SignatureHashAlgorithms.encode(SignatureHashAlgorithms.SUPPORTED))));
        sa.initRequest = new IkeMessage(IkeHeader.of(sa.spiI, 0, ExchangeType.IKE_SA_INIT, true, false, 0), out)
                .encode();
        return sa.initRequest;
    }

    /**
     * Our request again with the responder's {@code cookie} as its first payload and all others unchanged (§2.6), in
     * place of any cookie it carried; it becomes the request AUTH signs (§2.15).
     */
    static byte[] withCookie(IkeSa sa, NotifyPayload cookie) {
        IkeMessage sent = ((DecodeResult.Ok) IkeMessage.decode(sa.initRequest)).message();
        List<IkePayload> out = new ArrayList<>();
        out.add(NotifyPayload.of(NotifyType.COOKIE, cookie.data()));
        sent.payloads().stream().filter(p -> !(p instanceof NotifyPayload n && n.notifyType() == NotifyType.COOKIE))
                .forEach(out::add);
        sa.initRequest = new IkeMessage(sent.header(), out).encode();
        return sa.initRequest;
    }

    /**
     * The initiator reads the response: INVALID_KE_PAYLOAD names the group to retry with; otherwise keys are derived.
     * Returns empty on success, else why the SA failed (or the group to retry with as "retry:N").
     */
    static Optional<String> onResponse(IkeSaTable table, IkeSa sa, IkeMessage response, byte[] raw) {
        Optional<NotifyPayload> invalidKe = response.notify(NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe.isPresent() && invalidKe.get().data().length() == 2) {
            return Optional.of("retry:" + invalidKe.get().data().toLong());
        }
        Optional<NotifyPayload> error = response.payloadsOf(NotifyPayload.class).stream()
                .filter(NotifyPayload::isError).findFirst();
        if (error.isPresent()) {
            return Optional.of("responder refused IKE_SA_INIT: " + error.get());
        }
        Optional<SaPayload> sa0 = response.first(SaPayload.class);
        Optional<KePayload> ke = response.first(KePayload.class);
        Optional<NoncePayload> nonce = response.first(NoncePayload.class);
        if (sa0.isEmpty() || ke.isEmpty() || nonce.isEmpty() || response.header().responderSpi() == 0) {
            return Optional.of("IKE_SA_INIT response without SA, KE, Nr or SPIr");
        }
        Optional<IkeSuite> suite = table.selector().acceptIke(sa0.get(), sa.dh.group().id());
        if (suite.isEmpty() || ke.get().group() != sa.dh.group().id()) {
            return Optional.of("IKE_SA_INIT response chose a proposal we did not offer");
        }
        if (!(sa.dh.agree(ke.get().data().toByteArray()) instanceof DhResult.Agreed(byte[] gir))) {
            return Optional.of("responder KE value refused");
        }
        sa.spiR = response.header().responderSpi();
        sa.nr = nonce.get().nonce().toByteArray();
        sa.initResponse = raw;
        readPeerNotifies(sa, response);
        sa.peerBehindNat = NatDetection.natInFront(response, sa.spiI, sa.spiR, sa.peer);
        sa.sk = new SkProtection(suite.get(), KeySchedule.initialIkeSaKeys(suite.get(), sa.ni, sa.nr, gir, sa.spiI,
                sa.spiR), true, table.random());
        sa.dh = null;
        return Optional.empty();
    }

    private static void readPeerNotifies(IkeSa sa, IkeMessage message) {
        List<byte[]> caHashes = new ArrayList<>();
        message.payloadsOf(CertReqPayload.class).forEach(c -> c.caKeyHashes().forEach(h -> caHashes.add(h.toByteArray())));
        sa.peerCaHashes = caHashes;
        sa.peerFragmentation = message.notify(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED).isPresent();
        message.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS).ifPresent(n -> {
            sa.peerSignatureHashesSent = true;
            if (SignatureHashAlgorithms.decode(n.data().toByteArray())
                    instanceof SignatureHashAlgorithms.Hashes(var hashes)) {
                sa.peerSignatureHashes = hashes;
            }
        });
    }

    private static CertReqPayload certificateRequest(IkeSaTable table) {
        return new CertReqPayload(CertEncoding.X509_SIGNATURE,
                Octets.of(CertificateAuthorityHashes.encode(table.config().trustAnchors())));
    }
}
