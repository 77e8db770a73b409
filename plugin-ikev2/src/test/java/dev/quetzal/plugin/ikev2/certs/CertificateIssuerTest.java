package dev.quetzal.plugin.ikev2.certs;

import static dev.quetzal.plugin.ikev2.certs.CertAssertions.BASIC_CONSTRAINTS;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.CLIENT_AUTH;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.DNS_NAME;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.IKE_INTERMEDIATE;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.IPSEC_IKE;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.IP_ADDRESS;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.KEY_USAGE;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.RFC822_NAME;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.SERVER_AUTH;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.subjectAltNames;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.validatePkix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certificate profiles: RFC 5280 §4.2.1.9 basicConstraints, §4.2.1.3 keyUsage, §4.2.1.12 extKeyUsage,
 * §4.2.1.6 subjectAltName; RFC 4945 §5.1.3.12 (ipsecIKE); Apple's 825-day limit (pterodapter-inventory.md
 * §6 docs/certs.md notes); SAN kinds matching IKE ID types (strongswan.md §2 "IDs"). Chains are checked
 * with the JDK's PKIX validator (RFC 5280 §6).
 */
final class CertificateIssuerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private final CertificateIssuer issuer = new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @ParameterizedTest
    @EnumSource(KeyType.class)
    @DisplayName("CA: CA:true critical, keyCertSign|cRLSign critical, self-signed, key of the asked type")
    void authorityProfile(KeyType keyType) throws Exception {
        X509Certificate ca = issuer.createAuthority("Test CA", keyType).certificate();

        assertEquals("CN=Test CA", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertEquals(0, ca.getBasicConstraints(), "CA with pathLen 0");
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS, KEY_USAGE)));
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false}, ca.getKeyUsage());
        ca.verify(ca.getPublicKey());
        assertEquals(3, ca.getVersion());
        assertKeyType(keyType, ca);
        assertEquals(NOW.minus(CertificateIssuer.BACKDATE), ca.getNotBefore().toInstant());
        assertEquals(CertificateIssuer.CA_VALIDITY, Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    @DisplayName("server: SAN dNSName + iPAddress, EKU serverAuth + ipsecIKE, digitalSignature only, <= 825 days, PKIX-valid")
    void serverProfile(KeyType keyType) throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.ECDSA_P256);
        List<SubjectAltName> extra = List.of(new SubjectAltName.Ip(InetAddress.getByName("198.18.0.1")),
                new SubjectAltName.Ip(InetAddress.getByName("2001:db8::1")), new SubjectAltName.Dns("vpn2.example.com"));

        X509Certificate server = issuer.issueServer(ca, "vpn.example.com", extra, keyType).certificate();

        assertEquals("CN=vpn.example.com", server.getSubjectX500Principal().getName());
        assertEquals(List.of(DNS_NAME + ":vpn.example.com", IP_ADDRESS + ":198.18.0.1", IP_ADDRESS + ":2001:db8:0:0:0:0:0:1",
                DNS_NAME + ":vpn2.example.com"), subjectAltNames(server));
        assertTrue(server.getExtendedKeyUsage().containsAll(List.of(SERVER_AUTH, IPSEC_IKE, IKE_INTERMEDIATE)), server.getExtendedKeyUsage()::toString);
        assertFalse(server.getExtendedKeyUsage().contains(CLIENT_AUTH));
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, server.getKeyUsage());
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertTrue(server.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS, KEY_USAGE)));
        Duration validity = Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(825)) <= 0, validity::toString);
        assertTrue(server.getNotBefore().toInstant().isBefore(NOW));
        assertKeyType(keyType, server);
        validatePkix(List.of(server), ca.certificate(), NOW);
        validatePkix(List.of(server), ca.certificate(), NOW.plus(Duration.ofDays(824)));
    }

    @Test
    @DisplayName("client with '@': SAN rfc822Name (ID_RFC822_ADDR), EKU clientAuth, digitalSignature, PKIX-valid")
    void clientWithEmailIdentity() throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.RSA_3072);

        X509Certificate client = issuer.issueClient(ca, new SubjectAltName.Email("alice@example.com"), KeyType.ECDSA_P256).certificate();

        assertEquals(List.of(RFC822_NAME + ":alice@example.com"), subjectAltNames(client));
        assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, client.getKeyUsage());
        assertEquals("SHA256withRSA", client.getSigAlgName());
        validatePkix(List.of(client), ca.certificate(), NOW);
    }

    @Test
    @DisplayName("client without '@': SAN dNSName (ID_FQDN)")
    void clientWithNameIdentity() throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.ECDSA_P384);

        X509Certificate client = issuer.issueClient(ca, new SubjectAltName.Dns("alice"), KeyType.ECDSA_P256).certificate();

        assertEquals(List.of(DNS_NAME + ":alice"), subjectAltNames(client));
        assertEquals("CN=alice", client.getSubjectX500Principal().getName());
        assertEquals("SHA384withECDSA", client.getSigAlgName(), "a P-384 CA signs with SHA-384 (RFC 5480 §4)");
        validatePkix(List.of(client), ca.certificate(), NOW);
    }

    @Test
    @DisplayName("PKIX refuses a server certificate under another CA, and after it expires")
    void chainFailsUnderAnotherCaOrAfterExpiry() throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.ECDSA_P256);
        CertifiedKey other = issuer.createAuthority("Test CA", KeyType.ECDSA_P256);
        X509Certificate server = issuer.issueServer(ca, "vpn.example.com", List.of(), KeyType.ECDSA_P256).certificate();

        assertThrows(CertPathValidatorException.class, () -> validatePkix(List.of(server), other.certificate(), NOW));
        assertThrows(CertPathValidatorException.class, () -> validatePkix(List.of(server), ca.certificate(), NOW.plus(Duration.ofDays(826))));
    }

    @Test
    @DisplayName("a leaf never outlives its CA; an expired CA issues nothing")
    void leafValidityIsClippedToTheCa() throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.ECDSA_P256);
        Instant nearEnd = ca.certificate().getNotAfter().toInstant().minus(Duration.ofDays(10));
        CertificateIssuer late = new CertificateIssuer(Clock.fixed(nearEnd, ZoneOffset.UTC), new SecureRandom());

        X509Certificate server = late.issueServer(ca, "vpn.example.com", List.of(), KeyType.ECDSA_P256).certificate();

        assertEquals(ca.certificate().getNotAfter(), server.getNotAfter());
        CertificateIssuer afterEnd = new CertificateIssuer(Clock.fixed(nearEnd.plus(Duration.ofDays(11)), ZoneOffset.UTC), new SecureRandom());
        var e = assertThrows(java.security.GeneralSecurityException.class,
                () -> afterEnd.issueClient(ca, new SubjectAltName.Dns("bob"), KeyType.ECDSA_P256));
        assertTrue(e.getMessage().startsWith("the CA expired on "), e.getMessage());
    }

    @Test
    @DisplayName("serial numbers are positive, distinct and at most 20 octets (RFC 5280 §4.1.2.2)")
    void serialNumbers() throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.ECDSA_P256);
        X509Certificate a = issuer.issueClient(ca, new SubjectAltName.Dns("a"), KeyType.ECDSA_P256).certificate();
        X509Certificate b = issuer.issueClient(ca, new SubjectAltName.Dns("b"), KeyType.ECDSA_P256).certificate();

        for (X509Certificate certificate : List.of(ca.certificate(), a, b)) {
            assertTrue(certificate.getSerialNumber().signum() > 0);
            assertTrue(certificate.getSerialNumber().toByteArray().length <= 20);
        }
        assertFalse(a.getSerialNumber().equals(b.getSerialNumber()));
    }

    @Test
    @DisplayName("toString of a certified key never shows the private key")
    void toStringHidesTheKey() throws Exception {
        CertifiedKey ca = issuer.createAuthority("Test CA", KeyType.ECDSA_P256);

        assertEquals("CertifiedKey[CN=Test CA, EC key]", ca.toString());
    }

    private static void assertKeyType(KeyType keyType, X509Certificate certificate) {
        switch (keyType) {
            case ECDSA_P256 -> assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
            case ECDSA_P384 -> assertEquals(384, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
            case RSA_3072 -> assertEquals(3072, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());
        }
    }
}
