package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.SkPayload;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.StandardEngineFactory;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frontend with the real engine on loopback and the in-process client moving to a new address and port: with
 * MOBIKE (RFC 4555) its UPDATE_SA_ADDRESSES moves IKE and ESP, without it an authenticated NAT rebinding does (RFC
 * 7296 §2.23), and a datagram that does not verify moves nothing.
 */
@Timeout(60)
final class MobilityUdpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final TestContext context = new TestContext();

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Ikev2Frontend frontend(TestPki pki, boolean mobike) throws Exception {
        Ikev2Config config = new Ikev2Config(IpAddress.parse("127.0.0.1"), 0, 0, true, pki.certificate(), pki.key(),
                pki.clientCa(), null, null, null, null, mobike);
        Ikev2Frontend frontend = new Ikev2Frontend(config, context,
                new StandardEngineFactory(StandardEngineFactory.saConfig(config, InstantSource.system())));
        frontend.start();
        return frontend;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        FrontendProbe.await(condition, WAIT, what);
    }

    private static long counter(Ikev2Frontend frontend, String name) {
        return FrontendProbe.engineCounter(frontend, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlySa(Ikev2Frontend frontend) {
        List<Map<String, Object>> sas = (List<Map<String, Object>>) FrontendProbe.engine(frontend).get("ikeSas");
        assertEquals(1, sas.size(), sas.toString());
        return sas.getFirst();
    }

    private static InetSocketAddress espPeer(Ikev2Frontend frontend) {
        assertEquals(1, frontend.sessions().size());
        return frontend.sessions().getFirst().remoteEndpoint();
    }

    /** ESP both ways through the client's newest Child SA, the answer received on the client's current socket. */
    private void roundTrip(UdpInitiator client, String inner, int port) throws InterruptedException {
        byte[] out = Fixtures.ipv4(inner, "198.18.0.9", port, 53, 80);
        client.send(out);
        assertArrayEquals(out, context.nextToNetwork());
        byte[] back = Fixtures.ipv4("198.18.0.9", inner, 53, port, 60);
        context.fromNetwork(back);
        assertArrayEquals(back, client.receive(WAIT).orElseThrow(), "the answer reaches the client's current socket");
    }

    @Test
    @DisplayName("RFC 4555 §3.1, §3.5, §3.6: MOBIKE is negotiated; after a move to 127.0.0.2 the UPDATE_SA_ADDRESSES"
            + " moves IKE and ESP, COOKIE2 is echoed, and a gateway-initiated exchange reaches the new address")
    void mobikeUpdateMovesIkeAndEsp() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        context.routes.publish("static", List.of(Route.include(IpPrefix.parse("198.18.0.0/24"), "static")));
        Ikev2Frontend frontend = frontend(pki, true);
        try (frontend; UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            IkeSa sa = client.connect(frontend.localEndpoints().getFirst());
            ChildSaSpec first = client.awaitChild(WAIT);
            String inner = first.innerAddresses().getFirst().toString();
            assertTrue(sa.mobike(), "the gateway answered MOBIKE_SUPPORTED");
            assertEquals(true, onlySa(frontend).get("mobike"));
            roundTrip(client, inner, 40000);
            InetSocketAddress before = client.local();

            InetSocketAddress moved = client.moveTo(InetAddress.getByName("127.0.0.2"));
            // §3.5: with MOBIKE, ESP from the new address alone moves nothing; the initiator decides.
            byte[] early = Fixtures.ipv4(inner, "198.18.0.9", 40001, 53, 80);
            client.send(early);
            assertArrayEquals(early, context.nextToNetwork(), "a verified packet still passes");
            assertEquals(before, espPeer(frontend), "ESP stays until UPDATE_SA_ADDRESSES");

            assertTrue(client.updateAddresses(sa));
            await(() -> client.engine().table().counters().get("mobike_cookie2_echoed") == 1, "COOKIE2 echoed");
            assertEquals(1, counter(frontend, "peer_moved_mobike"));
            assertEquals(String.valueOf(moved), onlySa(frontend).get("peer"));
            assertEquals(moved, espPeer(frontend));
            roundTrip(client, inner, 40002);

            // A gateway-initiated exchange (a route push rekeys the Child SA, RFC 7296 §1.3.3) goes to the new address.
            context.routes.publish("split-dns", List.of(Route.include(IpPrefix.parse("198.18.1.7/32"), "split-dns")));
            CountDownLatch latch = new CountDownLatch(1);
            context.events.post(latch::countDown);
            assertTrue(latch.await(5, TimeUnit.SECONDS));
            context.clock.advance(Duration.ofMillis(1100));
            ChildSaSpec pushed = client.awaitRoute(IpAddress.parse("198.18.1.7"), WAIT);
            assertEquals(first.esp().inboundSpi(), pushed.replaces());
            await(() -> client.children().size() == 1, "the gateway's Delete of the old Child SA");
            roundTrip(client, inner, 40003);
            assertEquals(0, counter(frontend, "peer_moved_rebinding"));
        }
    }

    @Test
    @DisplayName("RFC 4555 §3.5 and RFC 7296 §2.23: without MOBIKE negotiated, UPDATE_SA_ADDRESSES is not acted on"
            + " (no COOKIE2 echo, no MOBIKE move); the authenticated request from the new address is a NAT rebinding")
    void withoutMobikeTheUpdateIsARebinding() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        Ikev2Frontend frontend = frontend(pki, false);
        try (frontend; UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            IkeSa sa = client.connect(frontend.localEndpoints().getFirst());
            String inner = client.awaitChild(WAIT).innerAddresses().getFirst().toString();
            assertFalse(sa.mobike(), "the gateway with mobike off does not answer MOBIKE_SUPPORTED");

            InetSocketAddress moved = client.moveTo(InetAddress.getByName("127.0.0.2"));
            assertTrue(client.updateAddresses(sa));
            await(() -> client.engine().table().counters().get("mobike_cookie2_not_echoed") == 1,
                    "the answer without COOKIE2");
            assertEquals(1, counter(frontend, "mobike_not_negotiated"));
            assertEquals(0, counter(frontend, "peer_moved_mobike"));
            assertEquals(1, counter(frontend, "peer_moved_rebinding"));
            assertEquals(String.valueOf(moved), onlySa(frontend).get("peer"));
            assertEquals(moved, espPeer(frontend));
            roundTrip(client, inner, 40000);
        }
    }

    @Test
    @DisplayName("RFC 7296 §2.23: after a NAT rebinding, forged and unprotected datagrams from new addresses move"
            + " nothing; a valid protected request (a liveness check) moves IKE and ESP, and so does verified ESP")
    void rebindingFollowsOnlyValidProtectedMessages() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        Ikev2Frontend frontend = frontend(pki, true);
        InetSocketAddress gateway = frontend.localEndpoints().getFirst();
        try (frontend; UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT)
                .withMobike(false))) {
            IkeSa sa = client.connect(gateway);
            ChildSaSpec child = client.awaitChild(WAIT);
            String inner = child.innerAddresses().getFirst().toString();
            assertFalse(sa.mobike());
            InetSocketAddress before = client.local();

            try (DatagramSocket forger = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
                // The next request ID the gateway expects is 2 (IKE_SA_INIT 0, IKE_AUTH 1), so only protection fails.
                IkeHeader header = IkeHeader.of(sa.initiatorSpi(), sa.responderSpi(), ExchangeType.INFORMATIONAL, true,
                        false, 2);
                sendMarked(forger, new IkeMessage(header, List.of()).encode(), gateway);
                sendMarked(forger, new IkeMessage(header, List.of(new SkPayload(0, Octets.of(new byte[80]))))
                        .encode(), gateway);
                // ESP with the gateway's SPI and a high sequence number, not verifying.
                byte[] esp = new byte[64];
                java.nio.ByteBuffer.wrap(esp).putInt(child.esp().outboundSpi()).putInt(1000);
                forger.send(new DatagramPacket(esp, esp.length, gateway));
                await(() -> counter(frontend, "not_protected") == 1 && counter(frontend, "integrity_failure") == 1,
                        "both forged IKE messages dropped");
                await(() -> context.dropped("auth-failed") + context.dropped("malformed") >= 1, "the forged ESP dropped");
            }
            assertEquals(String.valueOf(before), onlySa(frontend).get("peer"));
            assertEquals(before, espPeer(frontend));

            InetSocketAddress moved = client.moveTo(InetAddress.getByName("127.0.0.2"));
            assertTrue(client.engine().table().checkLiveness(sa));
            await(() -> counter(frontend, "peer_moved_rebinding") == 1, "the rebinding");
            assertEquals(String.valueOf(moved), onlySa(frontend).get("peer"));
            assertEquals(moved, espPeer(frontend), "ESP follows the IKE SA");
            roundTrip(client, inner, 40000);

            // The NAT rebinds again; this time verified ESP comes first from the new port: ESP moves, and IKE with it.
            InetSocketAddress again = client.moveTo(InetAddress.getByName("127.0.0.2"));
            assertNotEquals(moved, again);
            roundTrip(client, inner, 40001);
            assertEquals(again, espPeer(frontend));
            await(() -> String.valueOf(again).equals(onlySa(frontend).get("peer")), "the IKE SA to follow ESP");
            assertEquals(1, counter(frontend, "peer_moved_rebinding_esp"));
            // A request of the gateway (a Delete of the IKE SA, as on shutdown) reaches the client's new port.
            frontend.close();
            await(() -> client.engine().table().all().isEmpty(), "the gateway's Delete to reach the new port");
        }
    }

    private static void sendMarked(DatagramSocket socket, byte[] ike, InetSocketAddress to) throws Exception {
        byte[] framed = new byte[4 + ike.length];
        System.arraycopy(ike, 0, framed, 4, ike.length);
        socket.send(new DatagramPacket(framed, framed.length, to));
    }
}
