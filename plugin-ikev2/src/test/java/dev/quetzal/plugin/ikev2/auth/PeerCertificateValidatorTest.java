package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The peer's chain against the configured CA (RFC 5280 §6.1 through the JDK PKIX validator), key usage and EKU
 * (RFC 4945 §5.1.3.2, §5.1.3.12) and ID matching (RFC 7296 §3.5, RFC 4945 §3.1).
 */
final class PeerCertificateValidatorTest {
    private static final KeyPair ROOT_KEYS = TestPki.p256("root");
    private static final X509Certificate ROOT = TestPki.cert("CN=Quetzal Test Root", ROOT_KEYS).ca().selfSign();
    private static final KeyPair CLIENT_KEYS = TestPki.p256("client1");
    private static final Identification CLIENT_ID = Identification.rfc822("client1@vpn.test");

    private static PeerCertificateValidator validator(PeerRole role, Instant now, X509Certificate... anchors) {
        return new PeerCertificateValidator(List.of(anchors), role, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static PeerCertificateValidator clients() {
        return validator(PeerRole.CLIENT, TestPki.NOW, ROOT);
    }

    private static X509Certificate client() {
        return TestPki.client("client1@vpn.test", CLIENT_KEYS).issuedBy(ROOT, ROOT_KEYS);
    }

    @Test
    @DisplayName("RFC 4945 §3.1: a client certificate with an rfc822Name SAN equal to ID_RFC822_ADDR is valid")
    void acceptsClient() {
        X509Certificate leaf = client();
        var valid = assertInstanceOf(CertificateValidation.Valid.class,
                clients().validate(TestPki.ders(leaf), CLIENT_ID));
        assertEquals(leaf, valid.leaf());
        assertEquals(CLIENT_KEYS.getPublic(), valid.publicKey());
        // RSA-3072 leaf under the same EC root, as the interop suite uses.
        X509Certificate rsaLeaf = TestPki.client("client1@vpn.test", TestPki.rsa3072("client")).issuedBy(ROOT,
                ROOT_KEYS);
        assertInstanceOf(CertificateValidation.Valid.class, clients().validate(TestPki.ders(rsaLeaf), CLIENT_ID));
    }

    @Test
    @DisplayName("RFC 7296 §3.6: a chain through an intermediate is valid, with or without the root appended")
    void acceptsIntermediateChain() {
        KeyPair intermediateKeys = TestPki.p256("intermediate");
        X509Certificate intermediate = TestPki.cert("CN=Quetzal Test Intermediate", intermediateKeys).ca()
                .issuedBy(ROOT, ROOT_KEYS);
        X509Certificate leaf = TestPki.client("client1@vpn.test", CLIENT_KEYS).issuedBy(intermediate,
                intermediateKeys);
        var valid = assertInstanceOf(CertificateValidation.Valid.class,
                clients().validate(TestPki.ders(leaf, intermediate), CLIENT_ID));
        assertEquals(List.of(leaf, intermediate), valid.path());
        assertInstanceOf(CertificateValidation.Valid.class,
                clients().validate(TestPki.ders(leaf, intermediate, ROOT), CLIENT_ID));
        // Without the intermediate the leaf cannot reach the root.
        assertRejected(CertificateRejection.UNTRUSTED_CHAIN, clients().validate(TestPki.ders(leaf), CLIENT_ID));
    }

    @Test
    @DisplayName("RFC 5280 §6.1.3: a leaf past notAfter is expired; one before notBefore is not yet valid")
    void validityWindow() {
        List<byte[]> chain = TestPki.ders(client());
        assertRejected(CertificateRejection.EXPIRED,
                validator(PeerRole.CLIENT, TestPki.NOT_AFTER.plusSeconds(1), ROOT).validate(chain, CLIENT_ID));
        assertRejected(CertificateRejection.NOT_YET_VALID,
                validator(PeerRole.CLIENT, TestPki.NOT_BEFORE.minusSeconds(1), ROOT).validate(chain, CLIENT_ID));
        X509Certificate expiredLeaf = TestPki.client("client1@vpn.test", CLIENT_KEYS)
                .validity(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"))
                .issuedBy(ROOT, ROOT_KEYS);
        var rejected = assertRejected(CertificateRejection.EXPIRED,
                clients().validate(TestPki.ders(expiredLeaf), CLIENT_ID));
        assertTrue(rejected.detail().contains("CN=client1@vpn.test"), rejected.detail());
    }

    @Test
    @DisplayName("RFC 4945 §5.1.3.12: a client certificate with only serverAuth EKU is refused")
    void wrongEku() {
        X509Certificate serverOnly = TestPki.cert("CN=client1", CLIENT_KEYS).keyUsage(KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_serverAuth).san(GeneralName.rfc822Name, "client1@vpn.test")
                .issuedBy(ROOT, ROOT_KEYS);
        assertRejected(CertificateRejection.EXTENDED_KEY_USAGE,
                clients().validate(TestPki.ders(serverOnly), CLIENT_ID));
        // The same certificate is fine for a server peer.
        assertInstanceOf(CertificateValidation.Valid.class, validator(PeerRole.SERVER, TestPki.NOW, ROOT)
                .validate(TestPki.ders(serverOnly), CLIENT_ID));
        // A client-only certificate is not a server certificate.
        assertRejected(CertificateRejection.EXTENDED_KEY_USAGE,
                validator(PeerRole.SERVER, TestPki.NOW, ROOT).validate(TestPki.ders(client()), CLIENT_ID));
    }

    @Test
    @DisplayName("RFC 4945 §5.1.3.12: ipsecIKE, anyExtendedKeyUsage or no EKU extension are accepted")
    void acceptedEkus() {
        for (KeyPurposeId[] usages : new KeyPurposeId[][] {{KeyPurposeId.id_kp_ipsecIKE},
                {KeyPurposeId.anyExtendedKeyUsage}, {}, {KeyPurposeId.id_kp_emailProtection,
                        KeyPurposeId.id_kp_clientAuth}}) {
            X509Certificate leaf = TestPki.cert("CN=client1", CLIENT_KEYS).keyUsage(KeyUsage.digitalSignature)
                    .eku(usages).san(GeneralName.rfc822Name, "client1@vpn.test").issuedBy(ROOT, ROOT_KEYS);
            assertInstanceOf(CertificateValidation.Valid.class, clients().validate(TestPki.ders(leaf), CLIENT_ID),
                    Arrays.toString(usages));
        }
    }

    @Test
    @DisplayName("RFC 4945 §5.1.3.2: keyUsage without digitalSignature is refused")
    void keyUsageWithoutDigitalSignature() {
        X509Certificate leaf = TestPki.cert("CN=client1", CLIENT_KEYS).keyUsage(KeyUsage.keyEncipherment)
                .san(GeneralName.rfc822Name, "client1@vpn.test").issuedBy(ROOT, ROOT_KEYS);
        assertRejected(CertificateRejection.KEY_USAGE, clients().validate(TestPki.ders(leaf), CLIENT_ID));
    }

    @Test
    @DisplayName("RFC 5280 §4.2.1.10: a root's name constraints bind its leaves (JDK PKIX, via the trust anchor)")
    void rootNameConstraints() {
        KeyPair constrainedKeys = TestPki.p256("constrained-root");
        X509Certificate constrained = TestPki.cert("CN=Constrained Root", constrainedKeys).ca()
                .permit(GeneralName.rfc822Name, "vpn.test").permit(GeneralName.dNSName, "vpn.test")
                .selfSign();
        var validator = validator(PeerRole.CLIENT, TestPki.NOW, constrained);
        X509Certificate inside = TestPki.client("client1@vpn.test", CLIENT_KEYS).issuedBy(constrained,
                constrainedKeys);
        assertInstanceOf(CertificateValidation.Valid.class, validator.validate(TestPki.ders(inside), CLIENT_ID));
        X509Certificate outside = TestPki.client("mallory@evil.test", CLIENT_KEYS).issuedBy(constrained,
                constrainedKeys);
        var rejected = assertRejected(CertificateRejection.NAME_CONSTRAINTS,
                validator.validate(TestPki.ders(outside), Identification.rfc822("mallory@evil.test")));
        assertTrue(rejected.detail().contains("mallory@evil.test"), rejected.detail());
        // RFC 5280 §4.2.1.10: an e-mail address in the subject DN is held to rfc822Name constraints too.
        X509Certificate hiddenEmail = TestPki.cert("CN=client1, 1.2.840.113549.1.9.1=mallory@evil.test", CLIENT_KEYS)
                .keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_clientAuth)
                .san(GeneralName.rfc822Name, "client1@vpn.test").issuedBy(constrained, constrainedKeys);
        assertRejected(CertificateRejection.NAME_CONSTRAINTS,
                validator.validate(TestPki.ders(hiddenEmail), CLIENT_ID));
        // The same leaves under an unconstrained root are fine: the rejection came from the constraints.
        KeyPair plainKeys = TestPki.p256("plain-root");
        X509Certificate plain = TestPki.cert("CN=Plain Root", plainKeys).ca().selfSign();
        assertInstanceOf(CertificateValidation.Valid.class, validator(PeerRole.CLIENT, TestPki.NOW, plain).validate(
                TestPki.ders(TestPki.client("mallory@evil.test", CLIENT_KEYS).issuedBy(plain, plainKeys)),
                Identification.rfc822("mallory@evil.test")));
    }

    @Test
    @DisplayName("RFC 5280 §4.2.1.10: an intermediate CA's name constraints bind the leaves below it")
    void intermediateNameConstraints() {
        KeyPair intermediateKeys = TestPki.p256("nc-intermediate");
        X509Certificate intermediate = TestPki.cert("CN=Constrained Intermediate", intermediateKeys).ca()
                .permit(GeneralName.dNSName, "vpn.test").issuedBy(ROOT, ROOT_KEYS);
        X509Certificate server = TestPki.cert("CN=gw.other.test", TestPki.p256("server"))
                .keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_ipsecIKE)
                .san(GeneralName.dNSName, "gw.other.test").issuedBy(intermediate, intermediateKeys);
        assertRejected(CertificateRejection.NAME_CONSTRAINTS, validator(PeerRole.SERVER, TestPki.NOW, ROOT)
                .validate(TestPki.ders(server, intermediate), Identification.fqdn("gw.other.test")));
        X509Certificate allowed = TestPki.cert("CN=gw.vpn.test", TestPki.p256("server"))
                .keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_ipsecIKE)
                .san(GeneralName.dNSName, "gw.vpn.test").issuedBy(intermediate, intermediateKeys);
        assertInstanceOf(CertificateValidation.Valid.class, validator(PeerRole.SERVER, TestPki.NOW, ROOT)
                .validate(TestPki.ders(allowed, intermediate), Identification.fqdn("GW.VPN.test")));
    }

    @Test
    @DisplayName("RFC 5280 §6.1: a chain to a CA that is not configured is untrusted")
    void untrustedChain() {
        KeyPair otherKeys = TestPki.p256("other-root");
        X509Certificate other = TestPki.cert("CN=Other Root", otherKeys).ca().selfSign();
        X509Certificate leaf = TestPki.client("client1@vpn.test", CLIENT_KEYS).issuedBy(other, otherKeys);
        assertRejected(CertificateRejection.UNTRUSTED_CHAIN, clients().validate(TestPki.ders(leaf), CLIENT_ID));
        // Same issuer name as our root but another key: the signature cannot verify.
        KeyPair impostorKeys = TestPki.p256("impostor");
        X509Certificate impostor = TestPki.cert("CN=Quetzal Test Root", impostorKeys).ca().selfSign();
        X509Certificate forged = TestPki.client("client1@vpn.test", CLIENT_KEYS).issuedBy(impostor, impostorKeys);
        assertInstanceOf(CertificateValidation.Rejected.class, clients().validate(TestPki.ders(forged), CLIENT_ID));
    }

    @Test
    @DisplayName("RFC 7296 §3.5 / RFC 4945 §3.1: each ID type matches only its own SAN type or the subject DN")
    void idMatching() throws Exception {
        X509Certificate leaf = TestPki.cert("CN=client1, O=Quetzal", CLIENT_KEYS).keyUsage(KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_clientAuth).san(GeneralName.rfc822Name, "client1@vpn.test")
                .san(GeneralName.dNSName, "client1.vpn.test").san(GeneralName.iPAddress, "198.18.2.7")
                .san(GeneralName.iPAddress, "2001:db8::7").issuedBy(ROOT, ROOT_KEYS);
        List<byte[]> chain = TestPki.ders(leaf);
        for (Identification ok : List.of(CLIENT_ID, Identification.rfc822("client1@VPN.TEST"),
                Identification.fqdn("client1.vpn.test"), Identification.fqdn("Client1.VPN.Test"),
                new Identification(Identification.ID_IPV4_ADDR, InetAddress.getByName("198.18.2.7").getAddress()),
                new Identification(Identification.ID_IPV6_ADDR, InetAddress.getByName("2001:db8::7").getAddress()),
                new Identification(Identification.ID_DER_ASN1_DN, leaf.getSubjectX500Principal().getEncoded()))) {
            assertInstanceOf(CertificateValidation.Valid.class, clients().validate(chain, ok), ok.toString());
        }
        for (Identification wrong : List.of(Identification.rfc822("client2@vpn.test"),
                Identification.rfc822("Client1@vpn.test"),
                // strongSwan note: an e-mail sent as ID_FQDN does not match an rfc822Name SAN.
                Identification.fqdn("client1@vpn.test"), Identification.fqdn("vpn.test"),
                new Identification(Identification.ID_IPV4_ADDR, new byte[] {(byte) 198, 18, 2, 8}),
                new Identification(Identification.ID_IPV4_ADDR, new byte[] {1, 2, 3}),
                new Identification(Identification.ID_IPV6_ADDR, InetAddress.getByName("2001:db8::8").getAddress()),
                new Identification(Identification.ID_DER_ASN1_DN,
                        new javax.security.auth.x500.X500Principal("CN=client2, O=Quetzal").getEncoded()),
                new Identification(Identification.ID_DER_ASN1_DN, new byte[] {0x30, 0x03, 0x01}),
                new Identification(Identification.ID_KEY_ID, new byte[] {1, 2, 3, 4}))) {
            var rejected = assertRejected(CertificateRejection.ID_MISMATCH, clients().validate(chain, wrong));
            assertFalse(rejected.detail().isBlank());
        }
        // A certificate without any SAN never matches an FQDN.
        X509Certificate bare = TestPki.cert("CN=client1", CLIENT_KEYS).issuedBy(ROOT, ROOT_KEYS);
        assertRejected(CertificateRejection.ID_MISMATCH,
                clients().validate(TestPki.ders(bare), Identification.fqdn("client1")));
    }

    @Test
    @DisplayName("RFC 7296 §3.6: no certificate, garbage and every truncation of a real one are refused cleanly")
    void malformedInput() {
        assertRejected(CertificateRejection.NO_CERTIFICATE, clients().validate(List.of(), CLIENT_ID));
        assertRejected(CertificateRejection.MALFORMED_CERTIFICATE,
                clients().validate(List.of(new byte[] {0x30, 0x03, 1, 2, 3}), CLIENT_ID));
        byte[] der = TestPki.der(client());
        for (int length = 0; length < der.length; length += 7) {
            var result = clients().validate(List.of(Arrays.copyOf(der, length)), CLIENT_ID);
            assertRejected(CertificateRejection.MALFORMED_CERTIFICATE, result);
        }
        // A flipped bit inside the signed part breaks the issuer's signature.
        byte[] mutated = der.clone();
        mutated[der.length / 3] ^= 0x01;
        assertInstanceOf(CertificateValidation.Rejected.class, clients().validate(List.of(mutated), CLIENT_ID));
    }

    @Test
    @DisplayName("RFC 7296 §3.8: a leaf whose key no AUTH method covers (Ed25519) is refused")
    void unsupportedKey() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        X509Certificate leaf = TestPki.client("client1@vpn.test", ed).issuedBy(ROOT, ROOT_KEYS);
        assertRejected(CertificateRejection.UNSUPPORTED_KEY, clients().validate(TestPki.ders(leaf), CLIENT_ID));
    }

    private static CertificateValidation.Rejected assertRejected(CertificateRejection expected,
            CertificateValidation result) {
        var rejected = assertInstanceOf(CertificateValidation.Rejected.class, result);
        assertEquals(expected, rejected.reason(), rejected.detail());
        assertFalse(rejected.detail().contains("\n"), rejected.detail());
        assertFalse(rejected.detail().contains("Exception"), rejected.detail());
        return rejected;
    }
}
