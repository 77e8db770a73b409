package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.quetzal.plugin.ikev2.message.CertEncoding;
import dev.quetzal.plugin.ikev2.message.CertPayload;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.PayloadChain;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;

/**
 * CERT payload contents as IKE_AUTH carries them (RFC 7296 §3.6) through the peer certificate validator: X.509
 * parsing, chain building to the configured root, PKIX, key usage, EKU and the ID match. The PKI is fixed (resources
 * {@code fuzz-pki/}: a P-256 root, an intermediate, client leaves for client1@vpn.test with P-256 and RSA-3072 keys, a
 * server leaf and an expired client leaf), so committed chains stay valid; the clock is {@link TestPki#NOW}.
 *
 * <p>Input: octet 0 picks the peer's ID (0: client1@vpn.test, 1: FQDN vpn.test, other: client2@vpn.test); the rest
 * is a payload chain starting with a CERT payload. Every input gives Valid or a typed rejection; Valid only for a
 * chain of genuine certificates whose leaf is a client1@vpn.test client certificate.
 */
@DisplayName("RFC 7296 §3.6, RFC 5280 §6, RFC 4945 §3.1: peer certificate validation, fuzzed (issue 8 fuzzing)")
final class PeerCertificateValidatorFuzzTest {
    private static final List<String> PKI = List.of("root", "intermediate", "client-p256", "client-rsa", "server",
            "client-expired");
    private static final X509Certificate ROOT = load("root");
    /** The to-be-signed parts of every certificate the fixed PKI issued: a verified signature covers one of them. */
    private static final Set<ByteBuffer> GENUINE = PKI.stream().map(n -> ByteBuffer.wrap(tbs(load(n))))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<ByteBuffer> CLIENT1_LEAVES = Set.of(ByteBuffer.wrap(tbs(load("client-p256"))),
            ByteBuffer.wrap(tbs(load("client-rsa"))));
    private static final PeerCertificateValidator VALIDATOR = new PeerCertificateValidator(List.of(ROOT),
            PeerRole.CLIENT, Clock.fixed(TestPki.NOW, ZoneOffset.UTC));

    @FuzzTest
    @DisplayName("RFC 5280 §6.1: any CERT payloads give Valid or a typed rejection; Valid only for genuine chains")
    void validate(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int idChoice = input[0] & 0xFF;
        Identification id = switch (idChoice) {
            case 0 -> Identification.rfc822("client1@vpn.test");
            case 1 -> Identification.fqdn("vpn.test");
            default -> Identification.rfc822("client2@vpn.test");
        };
        if (!(PayloadChain.decode(PayloadType.CERT, input, 1, input.length - 1, true)
                instanceof PayloadChain.Result.Ok(List<IkePayload> payloads))) {
            return;
        }
        // As IKE_AUTH does: X.509 signature certificates, leaf first, in the order received.
        List<byte[]> chain = payloads.stream().filter(p -> p instanceof CertPayload c
                && c.encoding() == CertEncoding.X509_SIGNATURE).map(p -> ((CertPayload) p).data().toByteArray())
                .toList();
        CertificateValidation result = VALIDATOR.validate(chain, id);
        assertNotNull(result);
        switch (result) {
            case CertificateValidation.Valid valid -> {
                assertEquals(0, idChoice, "valid for an ID no genuine client certificate names: " + valid);
                assertTrue(CLIENT1_LEAVES.contains(ByteBuffer.wrap(tbs(valid.leaf()))), "valid with a forged leaf");
                for (X509Certificate certificate : valid.path()) {
                    assertTrue(GENUINE.contains(ByteBuffer.wrap(tbs(certificate))), "valid through a forged CA");
                }
                assertEquals(valid.path().getFirst(), valid.leaf());
            }
            case CertificateValidation.Rejected rejected -> {
                assertFalse(rejected.detail().isBlank());
                assertFalse(rejected.detail().contains("\n"), rejected.detail());
                if (chain.isEmpty()) {
                    assertEquals(CertificateRejection.NO_CERTIFICATE, rejected.reason());
                }
            }
        }
    }

    private static byte[] tbs(X509Certificate certificate) {
        try {
            return certificate.getTBSCertificate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate load(String name) {
        try (InputStream in = PeerCertificateValidatorFuzzTest.class.getResourceAsStream("fuzz-pki/" + name + ".der")) {
            if (in == null) {
                throw new IllegalStateException("fuzz-pki/" + name + ".der is missing from the test class path");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
