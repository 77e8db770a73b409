package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CERTREQ Certification Authority hashes (RFC 7296 §3.7) and choosing our chain from them. */
final class CertificateRequestTest {
    private static final KeyPair RSA_ROOT_KEYS = TestPki.rsa3072("certreq-root");
    private static final X509Certificate RSA_ROOT = TestPki.cert("CN=RSA Root", RSA_ROOT_KEYS).ca().selfSign();
    private static final KeyPair EC_ROOT_KEYS = TestPki.p256("certreq-ec-root");
    private static final X509Certificate EC_ROOT = TestPki.cert("CN=EC Root", EC_ROOT_KEYS).ca().selfSign();
    private static final KeyPair EC_INTERMEDIATE_KEYS = TestPki.p256("certreq-ec-intermediate");
    private static final X509Certificate EC_INTERMEDIATE = TestPki.cert("CN=EC Intermediate", EC_INTERMEDIATE_KEYS)
            .ca().issuedBy(EC_ROOT, EC_ROOT_KEYS);

    private static OwnCredential rsaServer() {
        KeyPair keys = TestPki.rsa3072("certreq-server");
        X509Certificate leaf = TestPki.cert("CN=vpn.test", keys).keyUsage(KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_serverAuth).issuedBy(RSA_ROOT, RSA_ROOT_KEYS);
        return new OwnCredential(keys.getPrivate(), List.of(leaf, RSA_ROOT));
    }

    private static OwnCredential ecServer() {
        KeyPair keys = TestPki.p256("certreq-server");
        X509Certificate leaf = TestPki.cert("CN=vpn.test", keys).keyUsage(KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_serverAuth).issuedBy(EC_INTERMEDIATE, EC_INTERMEDIATE_KEYS);
        return new OwnCredential(keys.getPrivate(), List.of(leaf, EC_INTERMEDIATE, EC_ROOT));
    }

    @Test
    @DisplayName("RFC 7296 §3.7: the CA hash is SHA-1 over the DER SubjectPublicKeyInfo")
    void hashIsSha1OfSubjectPublicKeyInfo() throws Exception {
        byte[] spki = new X509CertificateHolder(RSA_ROOT.getEncoded()).getSubjectPublicKeyInfo().getEncoded();
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(spki), CertificateAuthorityHashes.hash(RSA_ROOT));
        assertEquals(20, CertificateAuthorityHashes.hash(EC_ROOT).length);
        assertEquals(4, CertificateAuthorityHashes.X509_SIGNATURE);
    }

    @Test
    @DisplayName("RFC 7296 §3.7: the Certification Authority field concatenates 20-octet hashes")
    void encodeAndDecode() {
        byte[] field = CertificateAuthorityHashes.encode(List.of(RSA_ROOT, EC_ROOT));
        assertEquals(40, field.length);
        var decoded = assertInstanceOf(CertificateAuthorityHashes.Hashes.class, CertificateAuthorityHashes.decode(field));
        assertArrayEquals(CertificateAuthorityHashes.hash(RSA_ROOT), decoded.hashes().get(0));
        assertArrayEquals(CertificateAuthorityHashes.hash(EC_ROOT), decoded.hashes().get(1));
        var empty = assertInstanceOf(CertificateAuthorityHashes.Hashes.class,
                CertificateAuthorityHashes.decode(new byte[0]));
        assertTrue(empty.hashes().isEmpty());
        for (int length : new int[] {1, 19, 21, 39}) {
            assertInstanceOf(CertificateAuthorityHashes.Malformed.class,
                    CertificateAuthorityHashes.decode(Arrays.copyOf(field, length)));
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.7: the credential under the requested CA is chosen and that CA is not sent")
    void selectsByRequestedAuthority() {
        List<OwnCredential> credentials = List.of(rsaServer(), ecServer());
        var byRoot = ChainSelector.select(credentials, List.of(CertificateAuthorityHashes.hash(EC_ROOT)));
        assertTrue(byRoot.matched());
        assertEquals(credentials.get(1), byRoot.credential());
        assertEquals(List.of(credentials.get(1).leaf(), EC_INTERMEDIATE), byRoot.certificatesToSend());

        var byIntermediate = ChainSelector.select(credentials,
                List.of(new byte[20], CertificateAuthorityHashes.hash(EC_INTERMEDIATE)));
        assertEquals(List.of(credentials.get(1).leaf()), byIntermediate.certificatesToSend());

        var rsa = ChainSelector.select(credentials, List.of(CertificateAuthorityHashes.hash(RSA_ROOT)));
        assertEquals(credentials.get(0), rsa.credential());
        assertEquals(List.of(credentials.get(0).leaf()), rsa.certificatesToSend());
    }

    @Test
    @DisplayName("RFC 7296 §3.7: without CERTREQ or a match, the first credential is sent without its root")
    void fallsBackToFirstCredential() {
        List<OwnCredential> credentials = List.of(ecServer(), rsaServer());
        for (List<byte[]> requested : List.of(List.<byte[]>of(), List.of(new byte[20]))) {
            var selection = ChainSelector.select(credentials, requested);
            assertFalse(selection.matched());
            assertEquals(credentials.get(0), selection.credential());
            assertEquals(List.of(credentials.get(0).leaf(), EC_INTERMEDIATE), selection.certificatesToSend());
        }
        assertThrows(IllegalArgumentException.class, () -> ChainSelector.select(List.of(), List.of()));
    }

    @Test
    @DisplayName("Secrets: a credential's toString never shows its private key")
    void credentialHidesKey() {
        OwnCredential credential = ecServer();
        String shown = credential.toString();
        assertTrue(shown.contains("private key hidden"), shown);
        assertFalse(shown.contains(credential.privateKey().toString()), shown);
        assertFalse(shown.contains("S:"), shown);
    }
}
