package dev.quetzal.plugin.ikev2.auth;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Picks which of our credentials to authenticate with and which certificates to send, from the CA hashes of the
 * peer's CERTREQ (RFC 7296 §3.7): the first credential whose chain contains a CA the peer named, sending the chain up
 * to but without that CA (the peer has it). Without a match, or without CERTREQ, the first credential is used and
 * its whole chain is sent except a self-signed root.
 */
public final class ChainSelector {
    private ChainSelector() {
    }

    /** The chosen credential and the certificates for the CERT payloads, leaf first. */
    public record Selection(OwnCredential credential, List<X509Certificate> certificatesToSend, boolean matched) {
        public Selection {
            certificatesToSend = List.copyOf(certificatesToSend);
        }
    }

    public static Selection select(List<OwnCredential> credentials, List<byte[]> requestedHashes) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("no credential to choose from");
        }
        for (OwnCredential credential : credentials) {
            List<X509Certificate> chain = credential.chain();
            // The leaf is never a CA the peer could name, so the search starts at the issuer.
            for (int i = 1; i < chain.size(); i++) {
                byte[] hash = CertificateAuthorityHashes.hash(chain.get(i));
                if (requestedHashes.stream().anyMatch(h -> Arrays.equals(h, hash))) {
                    return new Selection(credential, chain.subList(0, i), true);
                }
            }
        }
        OwnCredential first = credentials.getFirst();
        return new Selection(first, withoutSelfSignedRoot(first.chain()), false);
    }

    private static List<X509Certificate> withoutSelfSignedRoot(List<X509Certificate> chain) {
        List<X509Certificate> out = new ArrayList<>(chain);
        X509Certificate last = out.getLast();
        if (out.size() > 1 && last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
            out.removeLast();
        }
        return out;
    }
}
