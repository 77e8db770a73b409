package dev.quetzal.plugin.ikev2.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Reads outputs back with the JDK alone (no Bouncy Castle), the way a Java peer would. */
final class CertAssertions {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String IPSEC_IKE = "1.3.6.1.5.5.7.3.17";
    static final String IKE_INTERMEDIATE = "1.3.6.1.5.5.8.2.2";
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String KEY_USAGE = "2.5.29.15";
    /** GeneralName tags, RFC 5280 §4.2.1.6. */
    static final int RFC822_NAME = 1;
    static final int DNS_NAME = 2;
    static final int IP_ADDRESS = 7;

    private CertAssertions() {}

    /** The single certificate in a PEM file, through the JDK's CertificateFactory. */
    static X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            var certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            assertEquals(1, certificates.size(), pem + " holds one certificate");
            return (X509Certificate) certificates.iterator().next();
        }
    }

    /** A PKCS#8 PEM private key, through the JDK's KeyFactory. */
    static PrivateKey privateKey(Path pem, String algorithm) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        assertEquals(true, text.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem + " is PKCS#8 PEM");
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** Validates {@code chain} (leaf first) against {@code root} with the JDK's PKIX validator (RFC 5280 §6). */
    static void validatePkix(List<X509Certificate> chain, X509Certificate root, Instant at) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        assertNotNull(CertPathValidator.getInstance("PKIX").validate(path, parameters));
    }

    /** Subject alternative names as "tag:value". */
    static List<String> subjectAltNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().map(n -> n.get(0) + ":" + n.get(1)).toList();
    }

    static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
