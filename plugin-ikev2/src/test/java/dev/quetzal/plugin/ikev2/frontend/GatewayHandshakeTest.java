package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ikev2} frontend in a gateway built from JSON, against an in-process initiator over real UDP on
 * 127.0.0.1: IKE_SA_INIT and IKE_AUTH with certificates (RFC 7296 §1.2, §2.15), a configuration payload address
 * (§2.19), RFC 7383 fragmentation of IKE_AUTH with RSA-3072 in both directions, then ESP in UDP (RFC 3948) both
 * ways through the raw-udp uplink.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class GatewayHandshakeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REMOTE = "198.51.100.7";

    @TempDir
    Path folder;

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @ParameterizedTest(name = "{0}, singlePort={1}")
    @CsvSource({"RSA_3072, true", "ECDSA_P256, false"})
    @DisplayName("RFC 7296 §1.2, §2.19, §2.23, RFC 7383 §2.5, RFC 3948 §2.1: handshake through the gateway (with the"
            + " float to the NAT-T port in two-port mode), then ESP both ways")
    void handshakeThenEspBothWays(KeyType keyType, boolean singlePort) throws Exception {
        TestPki pki = TestPki.create(folder, keyType);
        try (DatagramSocket network = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            network.setSoTimeout((int) WAIT.toMillis());
            int backendPort;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                backendPort = probe.getLocalPort();
            }
            LoadedConfig config = GatewayHarness.load(folder, """
                    {
                      "frontends": [{"type": "ikev2", "listenAddress": "127.0.0.1", "natPort": 0, "ikePort": 0,
                                     "singlePort": %s, "certificate": "server.pem", "key": "server-key.pem",
                                     "clientCa": "ca.pem"}],
                      "backend": {"type": "raw-udp", "peer": "127.0.0.1:%d", "bind": "127.0.0.1:%d"},
                      "status": {"enabled": false}
                    }
                    """.formatted(singlePort, network.getLocalPort(), backendPort), Map.of());
            gateway = GatewayModule.createGateway(config);
            gateway.start();
            Ikev2Frontend frontend = (Ikev2Frontend) gateway.components().getLast().component();
            InetSocketAddress natPort = frontend.localEndpoints().getFirst();

            IkeSa sa;
            if (singlePort) {
                sa = client.connect(natPort);
            } else {
                // IKE_SA_INIT to the IKE port, the rest to the NAT-T port: the gateway must answer from there.
                client.floatTo(natPort);
                sa = client.connect(frontend.localEndpoints().get(1));
            }
            ChildSaSpec child = client.awaitChild(WAIT);

            assertEquals(IkeSa.State.ESTABLISHED, sa.state());
            assertTrue(sa.identity().contains("vpn.test"), "the gateway's IDr: " + sa.identity());
            IpAddress inner = child.innerAddresses().getFirst();
            assertTrue(inner.toString().startsWith("100.64.0."), "CP address from the gateway's pool: " + inner);
            assertEquals(1, frontend.sessions().size());

            byte[] out = Fixtures.ipv4(inner.toString(), REMOTE, 40000, 7, 120);
            client.send(out, natPort);
            assertArrayEquals(out, receive(network), "the uplink got the decrypted packet");

            byte[] back = Fixtures.ipv4(REMOTE, inner.toString(), 7, 40000, 90);
            network.send(new DatagramPacket(back, back.length, new InetSocketAddress("127.0.0.1", backendPort)));
            assertArrayEquals(back, client.receive(WAIT).orElseThrow(() -> new AssertionError(
                    "no ESP from the gateway; status " + frontend.status())));
            assertEquals(natPort, client.lastEspSource(), "RFC 3948 §2.1: ESP in UDP from the NAT-T port");
            assertClientStatus(frontend, inner);

            if (keyType == KeyType.RSA_3072) {
                // RFC 7383 §2.5: the RSA-3072 IKE_AUTH messages exceed 1228 octets both ways.
                @SuppressWarnings("unchecked")
                Map<String, Object> fragments = (Map<String, Object>) ((Map<String, Object>) frontend.status()
                        .get("engine")).get("fragmentation");
                assertEquals(1L, fragments.get("messagesReassembled"), fragments.toString());
                assertEquals(1L, fragments.get("messagesFragmented"), fragments.toString());
            }
        }
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    /** The frontend's status lists the client with its address, selectors and the SA's counters (issue 9, status page). */
    @SuppressWarnings("unchecked")
    private static void assertClientStatus(Ikev2Frontend frontend, IpAddress inner) {
        List<Map<String, Object>> clients = (List<Map<String, Object>>) frontend.status().get("clients");
        assertEquals(1, clients.size(), clients.toString());
        Map<String, Object> client = clients.getFirst();
        assertEquals(List.of(inner.toString()), client.get("addresses"));
        Map<String, Object> child = ((List<Map<String, Object>>) client.get("childSas")).getFirst();
        assertEquals(List.of("0.0.0.0-255.255.255.255"), child.get("localSelectors"), child.toString());
        assertEquals(List.of(inner + "-" + inner), child.get("remoteSelectors"), child.toString());
        assertEquals(1L, child.get("inboundPackets"), child.toString());
        assertEquals(1L, child.get("outboundPackets"), child.toString());
    }
}
