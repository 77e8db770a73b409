package dev.quetzal.plugin.ikev2.frontend;

import static dev.quetzal.plugin.ikev2.frontend.Fixtures.concat;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.ipv4;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.open;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.peerOf;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.seal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The frontend on real loopback sockets with a fake engine: IKE framing on each socket (RFC 3948 §2.2),
 * NAT keepalives (§2.3), ESP in UDP both ways (§2.1) through the runtime's router, NAT rebinding (RFC
 * 7296 §2.23), single-port mode, the 100 ms engine tick and shutdown.
 */
@Timeout(30)
final class Ikev2FrontendTest {
    private static final byte[] MARKER = new byte[4];

    private final TestContext context = new TestContext();
    private final AtomicReference<FakeEngine> engine = new AtomicReference<>();
    private Ikev2Frontend frontend;

    @AfterEach
    void stop() {
        if (frontend != null) {
            frontend.close();
        }
        context.close();
    }

    private void start(boolean singlePort) throws Exception {
        Ikev2Config config = Fixtures.config(IpAddress.parse("127.0.0.1"), 0, 0, singlePort);
        frontend = new Ikev2Frontend(config, context, bindings -> {
            FakeEngine fake = new FakeEngine(bindings);
            engine.set(fake);
            return fake;
        });
        frontend.start();
    }

    private InetSocketAddress natPort() {
        return frontend.localEndpoints().getFirst();
    }

    private InetSocketAddress ikePort() {
        return frontend.localEndpoints().get(1);
    }

    private static DatagramSocket peer() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(DatagramSocket from, byte[] payload, InetSocketAddress to) throws IOException {
        from.send(new DatagramPacket(payload, payload.length, to));
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("RFC 3948 §2.2: IKE on the NAT-T port loses its marker going in and gets one going out")
    void ikeWithMarkerOnTheNatPort() throws Exception {
        start(false);
        try (DatagramSocket client = peer()) {
            send(client, concat(MARKER, ascii("hello")), natPort());
            FakeEngine.Received got = engine.get().next();
            assertEquals("hello", got.message());
            assertEquals(natPort(), got.local());
            assertEquals(client.getLocalPort(), got.peer().getPort());
            assertArrayEquals(concat(MARKER, ascii("re:hello")), receive(client));
            assertEquals(1, context.counter("quetzal_ikev2_datagrams_total", "class", "ike"));
        }
    }

    @Test
    @DisplayName("strongswan.md §2: on a custom IKE port (neither port 500) IKE carries the marker too")
    void ikePortFollowsThePortRule() throws Exception {
        start(false);
        try (DatagramSocket client = peer()) {
            send(client, concat(MARKER, ascii("init")), ikePort());
            FakeEngine.Received got = engine.get().next();
            assertEquals("init", got.message());
            assertEquals(ikePort(), got.local());
            assertArrayEquals(concat(MARKER, ascii("re:init")), receive(client));
        }
    }

    @Test
    @DisplayName("RFC 3948 §2.3: a NAT keepalive is counted and goes nowhere; junk is counted as malformed")
    void keepalivesAndJunk() throws Exception {
        start(false);
        try (DatagramSocket client = peer()) {
            send(client, new byte[] {(byte) 0xFF}, natPort());
            send(client, new byte[] {0, 0, 0, 5, 1}, natPort());
            send(client, concat(MARKER, ascii("after")), natPort());
            assertEquals("after", engine.get().next().message(), "only the IKE message reached the engine");
            assertEquals(1, context.counter("quetzal_ikev2_datagrams_total", "class", "nat-keepalive"));
            assertEquals(1, context.counter("quetzal_ikev2_datagrams_total", "class", "malformed"));
            assertTrue(engine.get().received.isEmpty());
        }
    }

    @Test
    @DisplayName("RFC 3948 §2.1: ESP in UDP both ways through the router, following the peer when its NAT rebinds")
    void espBothWaysAndRebinding() throws Exception {
        start(false);
        try (DatagramSocket client = peer(); DatagramSocket rebound = peer()) {
            send(client, concat(MARKER, ascii("install")), natPort());
            engine.get().next();
            receive(client);
            EspSa peer = peerOf(FakeEngine.OUR_SPI, FakeEngine.PEER_SPI);

            byte[] up = ipv4("100.64.0.2", "198.18.0.1");
            send(client, seal(peer, up), natPort());
            assertArrayEquals(up, context.nextToNetwork());

            byte[] down = ipv4("198.18.0.1", "100.64.0.2");
            context.fromNetwork(down);
            assertArrayEquals(down, open(peer, receive(client)));

            byte[] moved = ipv4("100.64.0.2", "198.18.0.7");
            send(rebound, seal(peer, moved), natPort());
            assertArrayEquals(moved, context.nextToNetwork());
            context.fromNetwork(down);
            assertArrayEquals(down, open(peer, receive(rebound)), "ESP goes to the new address and port");
            assertEquals(1, context.counter("quetzal_ikev2_peer_moves_total"));

            send(client, seal(peer, up).clone(), natPort());
            byte[] unknown = seal(peer, up);
            unknown[0] ^= 0x40;
            send(client, unknown, natPort());
            assertArrayEquals(up, context.nextToNetwork());
            Map<String, Object> status = frontend.status();
            assertEquals(1, status.get("childSas"));
            assertEquals(Map.of("ikeSas", 1), status.get("engine"));
            assertEquals(2, ((List<?>) status.get("sockets")).size());
            assertEquals(1, frontend.sessions().size());
        }
    }

    @Test
    @DisplayName("issue 4 §4 single-port mode: IKE with marker and ESP share natPort, no IKE socket")
    void singlePort() throws Exception {
        start(true);
        assertEquals(1, frontend.localEndpoints().size());
        try (DatagramSocket client = peer()) {
            send(client, concat(MARKER, ascii("install")), natPort());
            assertEquals("install", engine.get().next().message());
            assertArrayEquals(concat(MARKER, ascii("re:install")), receive(client));
            EspSa peer = peerOf(FakeEngine.OUR_SPI, FakeEngine.PEER_SPI);
            byte[] up = ipv4("100.64.0.2", "198.18.0.1");
            send(client, seal(peer, up), natPort());
            assertArrayEquals(up, context.nextToNetwork());
        }
    }

    @Test
    @DisplayName("RFC 7296 §2.4 timers: the engine ticks every 100 ms on the context's clock")
    void ticks() throws Exception {
        start(false);
        context.clock.advance(Duration.ofMillis(350));
        assertEquals(List.of(100_000_000L, 200_000_000L, 300_000_000L), engine.get().ticks);
    }

    @Test
    @DisplayName("issue 6, RFC 7296 §2.9: route set changes reach the engine once per burst, 1 s after the last;"
            + " after close none do")
    void routeChangesAreDebounced() throws Exception {
        context.routes.publish("early", List.of(Route.include(IpPrefix.parse("198.18.0.0/24"), "early")));
        start(false);
        for (int i = 1; i <= 3; i++) {
            context.routes.publish("dns", List.of(Route.include(IpPrefix.parse("198.18." + i + ".0/24"), "dns")));
            delivered();
            context.clock.advance(Duration.ofMillis(300));
        }
        assertEquals(List.of(), engine.get().routeChanges, "the burst is still going on");
        // The last change came at 600 ms; quiet for 1 s means due at the 1.6 s tick.
        context.clock.advance(Duration.ofMillis(600));
        assertEquals(List.of(), engine.get().routeChanges);
        context.clock.advance(Duration.ofMillis(100));
        assertEquals(List.of(1_600_000_000L), engine.get().routeChanges);
        context.clock.advance(Duration.ofSeconds(3));
        assertEquals(1, engine.get().routeChanges.size(), "nothing changed since");

        frontend.close();
        context.routes.publish("dns", List.of());
        delivered();
        context.clock.advance(Duration.ofSeconds(3));
        assertEquals(1, engine.get().routeChanges.size());
    }

    /** Waits until the runtime's event thread has handed out everything published so far (it runs events in order). */
    private void delivered() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        context.events.post(latch::countDown);
        assertTrue(latch.await(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("RFC 7296 §1.4.1: closing closes the engine first, then detaches sessions and stops the tick")
    void closeReleasesEverything() throws Exception {
        start(false);
        try (DatagramSocket client = peer()) {
            send(client, concat(MARKER, ascii("install")), natPort());
            engine.get().next();
        }
        assertEquals(1, context.router.attachedSessions().size());
        frontend.close();
        assertTrue(engine.get().closed);
        assertTrue(context.router.attachedSessions().isEmpty());
        assertEquals(0, context.clock.pendingTasks());
        frontend.close();
    }
}
