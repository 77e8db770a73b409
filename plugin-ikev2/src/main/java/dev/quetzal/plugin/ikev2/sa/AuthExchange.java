package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.auth.AuthData;
import dev.quetzal.plugin.ikev2.auth.AuthMethod;
import dev.quetzal.plugin.ikev2.auth.AuthOctets;
import dev.quetzal.plugin.ikev2.auth.AuthPolicy;
import dev.quetzal.plugin.ikev2.auth.AuthSigner;
import dev.quetzal.plugin.ikev2.auth.AuthVerification;
import dev.quetzal.plugin.ikev2.auth.AuthVerifier;
import dev.quetzal.plugin.ikev2.auth.CertificateAuthorityHashes;
import dev.quetzal.plugin.ikev2.auth.CertificateValidation;
import dev.quetzal.plugin.ikev2.auth.ChainSelector;
import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.PeerCertificateValidator;
import dev.quetzal.plugin.ikev2.auth.PeerRole;
import dev.quetzal.plugin.ikev2.message.AuthPayload;
import dev.quetzal.plugin.ikev2.message.CertEncoding;
import dev.quetzal.plugin.ikev2.message.CertPayload;
import dev.quetzal.plugin.ikev2.message.CertReqPayload;
import dev.quetzal.plugin.ikev2.message.IdPayload;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.Octets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certificate part of IKE_AUTH (RFC 7296 §2.15, §3.5-§3.8), both roles: our ID, CERT chain and AUTH signature;
 * checking the peer's chain, ID and AUTH. The Child SA part is {@link AuthChildSa}.
 */
final class AuthExchange {
    private AuthExchange() {
    }

    /** Our ID, CERT(s), CERTREQ (initiator only) and AUTH, in the order strongSwan sends them. */
    static List<IkePayload> ownAuthentication(IkeSaTable table, IkeSa sa) {
        Identification id = table.config().localId();
        boolean initiator = sa.originalInitiator;
        ChainSelector.Selection selection = ChainSelector.select(table.config().credentials(), sa.peerCaHashes);
        byte[] octets = AuthOctets.compute(initiator ? sa.initRequest : sa.initResponse, initiator ? sa.nr : sa.ni,
                (k, d) -> sa.sk.prf().compute(k, d), initiator ? sa.sk.keys().skPi() : sa.sk.keys().skPr(), id);
        AuthData auth = AuthSigner.of(selection.credential().privateKey()).sign(octets, sa.peerSignatureHashes);
        List<IkePayload> out = new ArrayList<>();
        out.add(new IdPayload(initiator, id.type(), Octets.of(id.data())));
        for (X509Certificate certificate : selection.certificatesToSend()) {
            out.add(CertPayload.x509(der(certificate)));
        }
        if (initiator) {
            out.add(new CertReqPayload(CertEncoding.X509_SIGNATURE,
                    Octets.of(CertificateAuthorityHashes.encode(table.config().trustAnchors()))));
        }
        out.add(new AuthPayload(auth.method().value(), Octets.of(auth.data())));
        return out;
    }

    /**
     * Checks the peer's ID, certificate chain and AUTH. Returns the peer's identity, or empty after counting the
     * reason (the caller answers or ends with AUTHENTICATION_FAILED, §2.21.2).
     */
    static Optional<String> verifyPeer(IkeSaTable table, IkeSa sa, IkeMessage message) {
        boolean peerIsInitiator = !sa.originalInitiator;
        Optional<IdPayload> idPayload = message.payloadsOf(IdPayload.class).stream()
                .filter(p -> p.initiator() == peerIsInitiator).findFirst();
        Optional<AuthPayload> auth = message.first(AuthPayload.class);
        if (idPayload.isEmpty() || auth.isEmpty()) {
            table.counters().refuse("auth_failed_missing_payload", sa + ": IKE_AUTH without ID or AUTH (EAP is not offered)");
            return Optional.empty();
        }
        Identification peerId = new Identification(idPayload.get().idType(), idPayload.get().data().toByteArray());
        List<byte[]> chain = message.payloadsOf(CertPayload.class).stream()
                .filter(c -> c.encoding() == CertEncoding.X509_SIGNATURE).map(c -> c.data().toByteArray()).toList();
        PeerCertificateValidator validator = new PeerCertificateValidator(table.config().trustAnchors(),
                peerIsInitiator ? PeerRole.CLIENT : PeerRole.SERVER, table.config().clock());
        CertificateValidation validation = validator.validate(chain, peerId);
        if (!(validation instanceof CertificateValidation.Valid valid)) {
            table.counters().refuse("auth_failed_certificate", sa + ": " + validation);
            return Optional.empty();
        }
        byte[] octets = AuthOctets.compute(peerIsInitiator ? sa.initRequest : sa.initResponse,
                peerIsInitiator ? sa.nr : sa.ni, (k, d) -> sa.sk.prf().compute(k, d),
                peerIsInitiator ? sa.sk.keys().skPi() : sa.sk.keys().skPr(), peerId);
        AuthVerification verification = new AuthVerifier(AuthPolicy.DEFAULT).verify(
                AuthMethod.of(auth.get().method()), auth.get().data().toByteArray(), valid.publicKey(), octets);
        if (!(verification instanceof AuthVerification.Ok)) {
            table.counters().refuse("auth_failed_signature", sa + ": " + verification);
            return Optional.empty();
        }
        boolean text = peerId.type() == Identification.ID_FQDN || peerId.type() == Identification.ID_RFC822_ADDR;
        return Optional.of(text ? new String(peerId.data(), java.nio.charset.StandardCharsets.US_ASCII) : peerId.toString());
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("our own certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
