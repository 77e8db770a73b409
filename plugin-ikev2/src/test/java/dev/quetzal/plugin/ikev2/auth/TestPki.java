package dev.quetzal.plugin.ikev2.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made with Bouncy Castle (RFC 5280 §4 profile): CAs, intermediates and end-entity certificates
 * with chosen validity, key usage, EKU, SANs and name constraints. Keys are cached per name, since RSA-3072
 * generation is slow.
 */
final class TestPki {
    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");
    /** Inside the default validity window. */
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final ConcurrentHashMap<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestPki() {
    }

    static KeyPair rsa3072(String name) {
        return KEYS.computeIfAbsent("rsa:" + name, n -> generate("RSA", 3072));
    }

    static KeyPair ec(String curve, String name) {
        return KEYS.computeIfAbsent(curve + ":" + name, n -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(curve));
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static KeyPair p256(String name) {
        return ec("secp256r1", name);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate under construction; {@link #issue} signs it. */
    static final class Spec {
        final String subject;
        final KeyPair keys;
        Instant notBefore = NOT_BEFORE;
        Instant notAfter = NOT_AFTER;
        boolean ca;
        Integer keyUsage;
        final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
        final List<GeneralName> subjectAltNames = new ArrayList<>();
        final List<GeneralName> permitted = new ArrayList<>();

        Spec(String subject, KeyPair keys) {
            this.subject = subject;
            this.keys = keys;
        }

        Spec ca() {
            ca = true;
            keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            return this;
        }

        Spec validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        Spec keyUsage(int bits) {
            keyUsage = bits;
            return this;
        }

        Spec eku(KeyPurposeId... ids) {
            extendedKeyUsages.addAll(List.of(ids));
            return this;
        }

        Spec san(int tag, String value) {
            subjectAltNames.add(new GeneralName(tag, value));
            return this;
        }

        Spec permit(int tag, String value) {
            permitted.add(new GeneralName(tag, value));
            return this;
        }

        /** Self-signed. */
        X509Certificate selfSign() {
            return issue(null, keys);
        }

        X509Certificate issuedBy(X509Certificate issuer, KeyPair issuerKeys) {
            return issue(issuer, issuerKeys);
        }

        private X509Certificate issue(X509Certificate issuer, KeyPair issuerKeys) {
            try {
                X500Principal issuerName = issuer == null ? new X500Principal(subject) : issuer.getSubjectX500Principal();
                var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                        Date.from(notBefore), Date.from(notAfter), new X500Principal(subject), keys.getPublic());
                if (ca) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                }
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                if (!extendedKeyUsages.isEmpty()) {
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
                }
                if (!subjectAltNames.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
                }
                if (!permitted.isEmpty()) {
                    GeneralSubtree[] subtrees = permitted.stream().map(GeneralSubtree::new)
                            .toArray(GeneralSubtree[]::new);
                    builder.addExtension(Extension.nameConstraints, true, new NameConstraints(subtrees, null));
                }
                String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA"
                        : "SHA256withECDSA";
                var signer = new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate());
                return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            } catch (Exception e) {
                throw new IllegalStateException("test certificate " + subject + " failed", e);
            }
        }
    }

    static Spec cert(String subject, KeyPair keys) {
        return new Spec(subject, keys);
    }

    /** A client certificate as `quetzal certs` will make it: digitalSignature, clientAuth, an e-mail SAN. */
    static Spec client(String email, KeyPair keys) {
        return cert("CN=" + email, keys).keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_clientAuth)
                .san(GeneralName.rfc822Name, email);
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<byte[]> ders(X509Certificate... chain) {
        return java.util.Arrays.stream(chain).map(TestPki::der).toList();
    }
}
