package dev.quetzal.plugin.ikev2.doctor;

import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.setup.CredentialFileException;
import dev.quetzal.plugin.ikev2.setup.CredentialFiles;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What macOS, iOS, Windows and strongSwan check in the gateway's certificate, checked before they do: the key
 * matches, the chain is complete, every certificate is valid now and for a while, the EKUs they want, the
 * identity among the DNS names, a key they accept.
 */
final class ServerCertificateCheck {
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String IKE_INTERMEDIATE = "1.3.6.1.5.5.8.2.2";
    private static final String ANY_EKU = "2.5.29.37.0";
    private static final String REISSUE = "issue a new server certificate, e.g. quetzal certs server --ca CA_DIR --out DIR"
            + " --name NAME";

    private final Ikev2Config config;
    private final Instant now;
    private final List<Finding> findings = new ArrayList<>();

    private ServerCertificateCheck(Ikev2Config config, Instant now) {
        this.config = config;
        this.now = now;
    }

    static List<Finding> check(Ikev2Config config, Instant now) {
        return new ServerCertificateCheck(config, now).run();
    }

    private List<Finding> run() {
        List<X509Certificate> chain;
        PrivateKey key;
        List<X509Certificate> clientCas;
        try {
            chain = CredentialFiles.certificates("certificate", config.certificate());
            key = CredentialFiles.privateKey(config.key());
            clientCas = CredentialFiles.certificates("clientCa", config.clientCa());
        } catch (CredentialFileException e) {
            findings.add(Finding.fail(e.getMessage(), "point the field at the right PEM file (quetzal certs makes them)"));
            return findings;
        }
        X509Certificate leaf = chain.getFirst();
        keyMatches(key, leaf);
        validity(chain, "certificate");
        validity(clientCas, "clientCa");
        chain(chain, clientCas);
        extendedKeyUsage(leaf);
        identity(leaf);
        keyType(leaf);
        return findings;
    }

    private void keyMatches(PrivateKey key, X509Certificate leaf) {
        if (CredentialFiles.belongsTo(key, leaf)) {
            findings.add(Finding.ok("key " + config.key() + " belongs to " + subject(leaf)));
        } else {
            findings.add(Finding.fail("key " + config.key() + " does not belong to the certificate " + subject(leaf)
                            + " in " + config.certificate(),
                    "set key to the file made with this certificate (NAME-key.pem from quetzal certs), or " + REISSUE));
        }
    }

    private void validity(List<X509Certificate> certificates, String field) {
        for (X509Certificate certificate : certificates) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant notBefore = certificate.getNotBefore().toInstant();
            String what = field + " " + subject(certificate);
            if (!now.isBefore(notAfter)) {
                findings.add(Finding.fail(what + " expired on " + notAfter, field.equals("clientCa")
                        ? "make a new CA (quetzal certs ca) and new client certificates" : REISSUE));
            } else if (now.isBefore(notBefore)) {
                findings.add(Finding.fail(what + " is not valid before " + notBefore,
                        "check this host's clock (date -u), or wait until then"));
            } else if (Duration.between(now, notAfter).compareTo(RENEW_BEFORE) < 0) {
                findings.add(Finding.warn(what + " expires in " + Duration.between(now, notAfter).toDays() + " days, on "
                        + notAfter, "renew it now: " + REISSUE));
            } else {
                findings.add(Finding.ok(what + " is valid until " + notAfter));
            }
        }
    }

    /** Each certificate signed by the next; the last self-signed or signed by one in clientCa. */
    private void chain(List<X509Certificate> chain, List<X509Certificate> clientCas) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signs(chain.get(i + 1), chain.get(i))) {
                findings.add(Finding.fail("certificate " + subject(chain.get(i)) + " in " + config.certificate()
                                + " is not signed by the next one, " + subject(chain.get(i + 1)),
                        "put the server certificate first in the file, then its issuer, then that one's issuer"));
                return;
            }
        }
        X509Certificate top = chain.getLast();
        if (signs(top, top)) {
            findings.add(Finding.ok("chain of " + config.certificate() + " ends at its root " + subject(top)));
            return;
        }
        for (X509Certificate ca : clientCas) {
            if (signs(ca, top)) {
                findings.add(Finding.ok("chain of " + config.certificate() + " ends at " + subject(ca) + " from clientCa"));
                return;
            }
        }
        findings.add(Finding.warn("chain of " + config.certificate() + " ends at " + subject(top) + ", whose issuer "
                        + top.getIssuerX500Principal().getName() + " is neither in the file nor in clientCa",
                "append the missing intermediate certificates to " + config.certificate()
                        + " and make sure devices trust its root CA"));
    }

    private void extendedKeyUsage(X509Certificate leaf) {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            findings.add(Finding.fail("the extendedKeyUsage of " + subject(leaf) + " does not parse", REISSUE));
            return;
        }
        if (usages == null || usages.contains(ANY_EKU)) {
            findings.add(Finding.ok("certificate " + subject(leaf) + " limits no key usage (no extendedKeyUsage)"));
        } else if (!usages.contains(SERVER_AUTH)) {
            findings.add(Finding.fail("certificate " + subject(leaf) + " has extendedKeyUsage " + usages
                            + " without serverAuth (" + SERVER_AUTH + "); macOS, iOS and Windows refuse it",
                    REISSUE + " (it carries serverAuth and ikeIntermediate)"));
        } else if (!usages.contains(IKE_INTERMEDIATE)) {
            findings.add(Finding.warn("certificate " + subject(leaf) + " has serverAuth but not ikeIntermediate ("
                    + IKE_INTERMEDIATE + "), which older macOS and Windows versions want", REISSUE));
        } else {
            findings.add(Finding.ok("certificate " + subject(leaf) + " has the EKUs serverAuth and ikeIntermediate"));
        }
    }

    private void identity(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> name : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dns) {
                        names.add(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            findings.add(Finding.fail("the subjectAltName of " + subject(leaf) + " does not parse", REISSUE));
            return;
        }
        if (names.isEmpty()) {
            findings.add(Finding.fail("certificate " + subject(leaf) + " has no DNS name in subjectAltName; devices"
                    + " check the gateway's name against it", REISSUE + " with the gateway's name"));
            return;
        }
        String identity = config.identity() == null ? names.getFirst() : config.identity();
        if (names.stream().anyMatch(name -> matches(name, identity))) {
            findings.add(Finding.ok("identity " + identity + " is among the certificate's DNS names " + names));
        } else {
            findings.add(Finding.fail("identity " + identity + " is not among the certificate's DNS names " + names
                            + "; devices refuse the gateway",
                    "set identity to one of " + names + " (and connect to that name), or " + REISSUE.replace("NAME",
                            identity)));
        }
    }

    private static boolean matches(String name, String identity) {
        String n = name.toLowerCase(Locale.ROOT);
        String i = identity.toLowerCase(Locale.ROOT);
        if (n.startsWith("*.")) {
            int dot = i.indexOf('.');
            return dot > 0 && i.substring(dot).equals(n.substring(1));
        }
        return n.equals(i);
    }

    private void keyType(X509Certificate leaf) {
        var publicKey = leaf.getPublicKey();
        String what = "certificate " + subject(leaf) + " key ";
        if (publicKey instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            findings.add(bits >= 2048 ? Finding.ok(what + "RSA " + bits + " bits")
                    : Finding.fail(what + "RSA " + bits + " bits is too short for current clients",
                            REISSUE + " --key rsa-3072 or ecdsa-p256"));
        } else if (publicKey instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            findings.add(bits == 256 || bits == 384 ? Finding.ok(what + "ECDSA P-" + bits)
                    : Finding.warn(what + "ECDSA of " + bits + " bits; not every client accepts curves other than P-256"
                            + " and P-384", REISSUE + " --key ecdsa-p256"));
        } else {
            findings.add(Finding.warn(what + publicKey.getAlgorithm() + "; macOS, iOS and Windows accept RSA and ECDSA"
                    + " server keys", REISSUE + " --key ecdsa-p256"));
        }
    }

    private static boolean signs(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String subject(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }
}
