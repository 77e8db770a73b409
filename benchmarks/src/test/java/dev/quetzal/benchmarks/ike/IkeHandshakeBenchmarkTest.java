package dev.quetzal.benchmarks.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.certs.CertificateIssuer;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's operations do what its figures claim: whole RFC 7296 §1.2 handshakes, and fail loudly if not. */
@Timeout(60)
class IkeHandshakeBenchmarkTest {
    private static IkeHandshakeBenchmark benchmark(String group) throws Exception {
        IkeHandshakeBenchmark b = new IkeHandshakeBenchmark();
        b.group = group;
        b.setUp();
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECP_256", "CURVE25519"})
    @DisplayName("RFC 7296 §1.2: each operation completes IKE_SA_INIT and IKE_AUTH, again and again")
    void operationsEstablish(String group) throws Exception {
        IkeHandshakeBenchmark b = benchmark(group);
        for (int i = 0; i < 3; i++) {
            IkeSa initiator = b.handshake();
            assertEquals(IkeSa.State.ESTABLISHED, initiator.state());
            assertTrue(initiator.originalInitiator());
            IkeSa responder = b.responder();
            assertEquals(IkeSa.State.ESTABLISHED, responder.state());
            assertFalse(responder.originalInitiator());
            assertEquals("client@vpn.bench", responder.identity());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECP_256"})
    @DisplayName("RFC 7296 §2.21.2: an initiator that does not trust the responder's CA makes handshake() throw")
    void failedHandshakeThrows(String group) throws Exception {
        IkeHandshakeBenchmark b = benchmark(group);
        CertificateIssuer issuer = new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
        IkeSaConfig trusting = b.clientConfig;
        b.clientConfig = new IkeSaConfig(trusting.credentials(), Identification.rfc822("client@vpn.bench"),
                List.of(issuer.createAuthority("Another CA", KeyType.ECDSA_P256).certificate()), trusting.policy(),
                Clock.systemUTC(), false);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::handshake);
        assertTrue(e.getMessage().startsWith("handshake failed: initiator"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECP_256"})
    @DisplayName("RFC 7296 §3.14: a replayed IKE_AUTH request that fails its integrity check makes responder() throw")
    void failedReplayThrows(String group) throws Exception {
        IkeHandshakeBenchmark b = benchmark(group);
        b.authRequest[b.authRequest.length - 1] ^= 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, b::responder);
        assertTrue(e.getMessage().contains("integrity_failure"), e.getMessage());
    }
}
