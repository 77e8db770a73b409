package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both directions of IKE_AUTH certificate authentication with the public API only, as the state machine will drive
 * it for either role (RFC 7296 §1.2, §2.15; RFC 7427 §4): CERTREQ picks the chain, each side signs its octets, the
 * other validates the chain against its CA and the ID, then verifies AUTH.
 */
final class AuthExchangeTest {
    private static final KeyPair CA_KEYS = TestPki.p256("exchange-ca");
    private static final X509Certificate CA = TestPki.cert("CN=Exchange CA", CA_KEYS).ca().selfSign();
    private static final byte[] INIT_REQUEST = filled(300, 1);
    private static final byte[] INIT_RESPONSE = filled(280, 2);
    private static final byte[] NI = filled(32, 3);
    private static final byte[] NR = filled(32, 4);
    private static final byte[] SK_PI = filled(32, 5);
    private static final byte[] SK_PR = filled(32, 6);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ecdsa-classic", "ecdsa-rfc7427", "rsa-classic", "rsa-rfc7427"})
    @DisplayName("RFC 7296 §2.15: client and server authenticate each other with certificates")
    void mutualAuthentication(String variant) {
        boolean rsa = variant.startsWith("rsa");
        List<SignatureHash> announced = variant.endsWith("rfc7427") ? SignatureHashAlgorithms.SUPPORTED : List.of();
        KeyPair clientKeys = rsa ? TestPki.rsa3072("exchange-client") : TestPki.p256("exchange-client");
        KeyPair serverKeys = rsa ? TestPki.rsa3072("exchange-server") : TestPki.p256("exchange-server");
        X509Certificate clientCert = TestPki.client("client1@vpn.test", clientKeys).issuedBy(CA, CA_KEYS);
        X509Certificate serverCert = TestPki.cert("CN=vpn.test", serverKeys).keyUsage(KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_ipsecIKE).san(GeneralName.dNSName, "vpn.test")
                .issuedBy(CA, CA_KEYS);
        Identification idi = Identification.rfc822("client1@vpn.test");
        Identification idr = Identification.fqdn("vpn.test");

        // Initiator: the responder's CERTREQ names our CA; sign IKE_SA_INIT request | Nr | prf(SK_pi, IDi').
        byte[] certreq = CertificateAuthorityHashes.encode(List.of(CA));
        var requested = (CertificateAuthorityHashes.Hashes) CertificateAuthorityHashes.decode(certreq);
        var clientChoice = ChainSelector.select(List.of(new OwnCredential(clientKeys.getPrivate(),
                List.of(clientCert, CA))), requested.hashes());
        AuthData clientAuth = AuthSigner.of(clientChoice.credential().privateKey()).sign(
                AuthOctets.compute(INIT_REQUEST, NR, AuthOctetsTest::hmacSha256, SK_PI, idi), announced);

        // Responder: validate the CERT payloads and IDi, then AUTH over the same octets built on its side.
        var clientValid = assertInstanceOf(CertificateValidation.Valid.class, new PeerCertificateValidator(
                List.of(CA), PeerRole.CLIENT, Clock.fixed(TestPki.NOW, ZoneOffset.UTC))
                .validate(clientChoice.certificatesToSend().stream().map(TestPki::der).toList(), idi));
        AuthVerifier verifier = new AuthVerifier(AuthPolicy.DEFAULT);
        assertInstanceOf(AuthVerification.Ok.class, verifier.verify(clientAuth, clientValid.publicKey(),
                AuthOctets.compute(INIT_REQUEST, NR, AuthOctetsTest::hmacSha256, SK_PI, idi)));

        // Responder signs IKE_SA_INIT response | Ni | prf(SK_pr, IDr'); the initiator checks it as a server.
        AuthData serverAuth = AuthSigner.of(serverKeys.getPrivate()).sign(
                AuthOctets.compute(INIT_RESPONSE, NI, AuthOctetsTest::hmacSha256, SK_PR, idr), announced);
        assertEquals(announced.isEmpty() ? (rsa ? AuthMethod.RSA_DIGITAL_SIGNATURE : AuthMethod.ECDSA_SHA256_P256)
                : AuthMethod.DIGITAL_SIGNATURE, serverAuth.method());
        var serverValid = assertInstanceOf(CertificateValidation.Valid.class, new PeerCertificateValidator(
                List.of(CA), PeerRole.SERVER, Clock.fixed(TestPki.NOW, ZoneOffset.UTC))
                .validate(List.of(TestPki.der(serverCert)), idr));
        assertInstanceOf(AuthVerification.Ok.class, verifier.verify(serverAuth, serverValid.publicKey(),
                AuthOctets.compute(INIT_RESPONSE, NI, AuthOctetsTest::hmacSha256, SK_PR, idr)));
        // Octets with the roles' inputs swapped (reflection of the client's AUTH) do not verify.
        assertInstanceOf(AuthVerification.Failed.class, verifier.verify(clientAuth, clientValid.publicKey(),
                AuthOctets.compute(INIT_RESPONSE, NI, AuthOctetsTest::hmacSha256, SK_PR, idi)));
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
