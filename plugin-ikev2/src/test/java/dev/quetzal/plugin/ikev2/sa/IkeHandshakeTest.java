package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.esp.EspKeyBytes;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
@DisplayName("Initiator <-> responder in process: RFC 7296 §1.2 (IKE_SA_INIT, IKE_AUTH), §2.17 KEYMAT, §2.9, §3.15")
class IkeHandshakeTest {
    static final IkeSuite GCM = new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256,
            IntegrityAlgorithm.NONE, DhGroup.ECP_256);
    static final IkeSuite CBC = new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_256,
            IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048);
    static final IkeSuite CHACHA = new IkeSuite(EncryptionAlgorithm.CHACHA20_POLY1305, 256,
            PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.NONE, DhGroup.CURVE25519);

    static Stream<Arguments> suitesAndKeys() {
        return Stream.of(GCM, CBC, CHACHA).flatMap(s -> Stream.of(KeyType.RSA_3072, KeyType.ECDSA_P256)
                .map(k -> Arguments.of(s, k)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("suitesAndKeys")
    @DisplayName("full handshake: both established, one Child SA each, inbound of one is outbound of the other")
    void fullHandshake(IkeSuite suite, KeyType keyType) {
        Harness.Pki pki = Harness.pki(keyType);
        Harness h = new Harness(pki.clientConfig(ProposalPolicy.only(suite), false),
                pki.serverConfig(ProposalPolicy.DEFAULT));
        IkeSa clientSa = h.connect();

        assertEquals(IkeSa.State.ESTABLISHED, clientSa.state());
        IkeSa serverSa = h.server.table().all().getFirst();
        assertEquals(IkeSa.State.ESTABLISHED, serverSa.state());
        assertEquals("client1@vpn.test", serverSa.identity());
        assertEquals("vpn.test", clientSa.identity());
        assertEquals(1, h.clientPlane.installed.size());
        assertEquals(1, h.serverPlane.installed.size());
        ChildSaSpec c = h.clientPlane.installed.getFirst().spec;
        ChildSaSpec s = h.serverPlane.installed.getFirst().spec;
        assertEquals(c.esp().inboundSpi(), s.esp().outboundSpi());
        assertEquals(c.esp().outboundSpi(), s.esp().inboundSpi());
        assertEquals(ProposalSelector.espTransform(suite), s.esp().transform());
        assertArrayEquals(EspKeyBytes.encryption(c.esp().inboundKeys()), EspKeyBytes.encryption(s.esp().outboundKeys()));
        assertArrayEquals(EspKeyBytes.encryption(c.esp().outboundKeys()), EspKeyBytes.encryption(s.esp().inboundKeys()));
        assertArrayEquals(EspKeyBytes.integrity(c.esp().inboundKeys()), EspKeyBytes.integrity(s.esp().outboundKeys()));
        assertFalse(java.util.Arrays.equals(EspKeyBytes.encryption(c.esp().inboundKeys()),
                EspKeyBytes.encryption(c.esp().outboundKeys())));
        // §3.15: the initiator got 10.0.0.2; §2.9: TSi is narrowed to it, TSr is everything (no include routes).
        IpAddress inner = IpAddress.parse("10.0.0.2");
        assertEquals(List.of(inner), clientSa.innerAddresses());
        assertEquals(List.of(inner), s.innerAddresses());
        assertEquals(List.of(new TrafficSelector.AddressRange(0, 0, 0xFFFF, inner, inner)), s.remoteSelectors());
        assertEquals(List.of(TrafficSelector.AddressRange.all(AuthChildSa.V4_START, AuthChildSa.V4_END)),
                s.localSelectors());
        assertEquals(c.localSelectors(), s.remoteSelectors());
        assertEquals(1, h.server.table().counters().get("ike_sa_established"));
    }

    @Test
    @DisplayName("§1.2: INVALID_KE_PAYLOAD names the group; the initiator retries with it and succeeds")
    void invalidKeRoundTrip() {
        Harness.Pki pki = Harness.pki(KeyType.ECDSA_P256);
        ProposalPolicy clientPolicy = new ProposalPolicy(List.of(GCM), List.of(DhGroup.ECP_256, DhGroup.MODP_2048));
        IkeSuite gcmModp = new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256,
                IntegrityAlgorithm.NONE, DhGroup.MODP_2048);
        Harness h = new Harness(pki.clientConfig(clientPolicy, false), pki.serverConfig(ProposalPolicy.only(gcmModp)));
        IkeSa sa = h.connect();
        assertEquals(IkeSa.State.ESTABLISHED, sa.state());
        assertEquals(1, h.client.table().counters().get("invalid_ke_retry"));
        assertEquals(1, h.server.table().counters().get("init_refused_invalid_ke_payload"));
        assertTrue(sa.suiteName().contains("MODP_2048"));
    }

    @Test
    @DisplayName("§2.21.2: a client chain from another CA gets AUTHENTICATION_FAILED; both sides drop the IKE SA")
    void wrongCa() {
        Harness.Pki server = Harness.pki(KeyType.ECDSA_P256);
        Harness.Pki other = Harness.pki(KeyType.RSA_3072);
        // The client trusts the server's CA but its own certificate comes from another CA.
        var clientConfig = new IkeSaConfig(other.clientConfig(ProposalPolicy.DEFAULT, false).credentials(),
                dev.quetzal.plugin.ikev2.auth.Identification.rfc822("client1@vpn.test"),
                List.of(server.ca().certificate()), ProposalPolicy.DEFAULT, Harness.CLOCK, false);
        Harness h = new Harness(clientConfig, server.serverConfig(ProposalPolicy.DEFAULT));
        IkeSa sa = h.connect();
        assertEquals(IkeSa.State.CLOSED, sa.state());
        assertEquals(1, h.server.table().counters().get("auth_failed_certificate"));
        assertEquals(1, h.client.table().counters().get("auth_refused_by_peer"));
        assertTrue(h.server.table().all().isEmpty());
        assertTrue(h.serverPlane.installed.isEmpty());
    }
}
