package dev.quetzal.plugin.ikev2.auth;

import dev.quetzal.plugin.ikev2.auth.CertificateValidation.Rejected;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the peer's certificate chain (CERT payloads with X.509 signatures, leaf first, RFC 7296 §3.6) against the
 * configured trust anchors with the JDK's PKIX CertPathValidator (RFC 5280 §6: signatures, validity at the clock's
 * time, basic and name constraints; revocation off) plus the root's own name constraints
 * ({@link AnchorNameConstraints}), then the leaf's key usage and EKU (RFC 4945 §5.1.3.2, §5.1.3.12) and that the ID
 * payload names it (RFC 4945 §3.1). Never throws on peer input.
 */
public final class PeerCertificateValidator {
    private static final int DIGITAL_SIGNATURE = 0;

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCertificates;
    private final PeerRole peerRole;
    private final Clock clock;

    public PeerCertificateValidator(Collection<X509Certificate> trustAnchors, PeerRole peerRole, Clock clock) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor (CA certificate) is needed");
        }
        this.anchorCertificates = List.copyOf(trustAnchors);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate ca : anchorCertificates) {
            set.add(new TrustAnchor(ca, null));
        }
        this.anchors = Set.copyOf(set);
        this.peerRole = Objects.requireNonNull(peerRole, "peerRole");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Validates DER certificates as received, leaf first, and the peer's ID against the leaf. */
    public CertificateValidation validate(List<byte[]> chainDer, Identification peerId) {
        if (chainDer.isEmpty()) {
            return new Rejected(CertificateRejection.NO_CERTIFICATE, "the peer sent no certificate");
        }
        List<X509Certificate> chain = new ArrayList<>(chainDer.size());
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (int i = 0; i < chainDer.size(); i++) {
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(chainDer.get(i))));
            } catch (CertificateException | RuntimeException e) {
                return new Rejected(CertificateRejection.MALFORMED_CERTIFICATE,
                        "certificate " + i + " of the chain is not X.509 DER");
            }
        }
        return validateCertificates(chain, peerId);
    }

    /** As {@link #validate(List, Identification)} for certificates already parsed. */
    public CertificateValidation validateCertificates(List<X509Certificate> chain, Identification peerId) {
        if (chain.isEmpty()) {
            return new Rejected(CertificateRejection.NO_CERTIFICATE, "the peer sent no certificate");
        }
        X509Certificate leaf = chain.getFirst();
        if (KeyType.of(leaf.getPublicKey()) == KeyType.OTHER) {
            return new Rejected(CertificateRejection.UNSUPPORTED_KEY, name(leaf) + " has a "
                    + leaf.getPublicKey().getAlgorithm() + " key; RSA or ECDSA P-256/P-384/P-521 is needed");
        }
        // A peer may include the root it chains to; PKIX wants the path without its trust anchor.
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (anchorCertificates.contains(certificate) && !path.isEmpty()) {
                break;
            }
            path.add(certificate);
        }
        Optional<Rejected> pkix = pkix(path);
        if (pkix.isPresent()) {
            return pkix.get();
        }
        Optional<Rejected> usage = usages(leaf);
        if (usage.isPresent()) {
            return usage.get();
        }
        Optional<String> mismatch = IdentityMatcher.mismatch(peerId, leaf);
        if (mismatch.isPresent()) {
            return new Rejected(CertificateRejection.ID_MISMATCH, mismatch.get());
        }
        return new CertificateValidation.Valid(leaf, path);
    }

    private Optional<Rejected> pkix(List<X509Certificate> path) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath,
                    parameters);
            return AnchorNameConstraints.violation(result.getTrustAnchor().getTrustedCert(), path)
                    .map(c -> new Rejected(CertificateRejection.NAME_CONSTRAINTS,
                            name(c) + " has a name outside the root CA's name constraints"));
        } catch (CertPathValidatorException e) {
            return Optional.of(explain(e, path));
        } catch (InvalidAlgorithmParameterException | CertificateException e) {
            return Optional.of(new Rejected(CertificateRejection.INVALID_CHAIN, "chain cannot be checked: "
                    + e.getClass().getSimpleName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PKIX validator", e);
        }
    }

    private static Rejected explain(CertPathValidatorException e, List<X509Certificate> path) {
        int index = e.getIndex();
        String where = index >= 0 && index < path.size() ? name(path.get(index)) : "the chain";
        CertPathValidatorException.Reason reason = e.getReason();
        CertificateRejection rejection;
        String what;
        if (reason == BasicReason.EXPIRED) {
            rejection = CertificateRejection.EXPIRED;
            what = "has expired";
        } else if (reason == BasicReason.NOT_YET_VALID) {
            rejection = CertificateRejection.NOT_YET_VALID;
            what = "is not valid yet";
        } else if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            rejection = CertificateRejection.UNTRUSTED_CHAIN;
            what = "does not chain to a configured CA";
            where = name(path.getLast());
        } else if (reason == PKIXReason.INVALID_NAME) {
            rejection = CertificateRejection.NAME_CONSTRAINTS;
            what = "has a name outside its CA's name constraints";
        } else if (reason == PKIXReason.INVALID_KEY_USAGE) {
            rejection = CertificateRejection.KEY_USAGE;
            what = "has a key usage that forbids this use";
        } else if (reason == BasicReason.INVALID_SIGNATURE) {
            rejection = CertificateRejection.INVALID_CHAIN;
            what = "has a signature that does not verify";
        } else if (reason == PKIXReason.NAME_CHAINING) {
            rejection = CertificateRejection.UNTRUSTED_CHAIN;
            what = "is not issued by the next certificate of the chain";
        } else if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
            rejection = CertificateRejection.INVALID_CHAIN;
            what = "uses an algorithm or key size the JDK's policy forbids";
        } else {
            rejection = CertificateRejection.INVALID_CHAIN;
            what = "fails PKIX validation (" + reason + ")";
        }
        return new Rejected(rejection, where + " " + what);
    }

    private Optional<Rejected> usages(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            return Optional.of(new Rejected(CertificateRejection.KEY_USAGE,
                    name(leaf) + " has keyUsage without digitalSignature"));
        }
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return Optional.of(new Rejected(CertificateRejection.MALFORMED_CERTIFICATE,
                    name(leaf) + " has an unreadable extendedKeyUsage"));
        }
        if (extendedKeyUsage != null && extendedKeyUsage.stream().noneMatch(peerRole.acceptedUsages()::contains)) {
            return Optional.of(new Rejected(CertificateRejection.EXTENDED_KEY_USAGE, name(leaf)
                    + " has extendedKeyUsage " + extendedKeyUsage + " without one for a " + peerRole + " peer "
                    + peerRole.acceptedUsages()));
        }
        return Optional.empty();
    }

    private static String name(X509Certificate certificate) {
        // Subject names come from the peer: control characters would let it forge log lines.
        return "certificate '" + certificate.getSubjectX500Principal().getName().replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
