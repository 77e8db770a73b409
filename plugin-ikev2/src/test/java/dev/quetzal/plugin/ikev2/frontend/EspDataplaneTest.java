package dev.quetzal.plugin.ikev2.frontend;

import static dev.quetzal.plugin.ikev2.frontend.Fixtures.ipv4;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.open;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.peerOf;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.seal;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ESP data plane without sockets (RFC 4303 processing, RFC 4301 §5.2 selector checks, RFC 7296 §2.8
 * rekey and §2.23 NAT rebinding): what reaches the router, what goes to the peer, what is counted.
 */
final class EspDataplaneTest {
    private static final int OUR_SPI = 0xC001_0001;
    private static final int PEER_SPI = 0xBEEF_0001;
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 4500);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress MOVED = new InetSocketAddress("127.0.0.1", 40002);

    private record Sent(byte[] esp, InetSocketAddress peer, int localPort) {}

    private final TestContext context = new TestContext();
    private final List<Sent> sent = new ArrayList<>();
    private final EspDataplane plane = new EspDataplane(context.router, context.clock, (packet, peer, port) -> {
        sent.add(new Sent(packet.toByteArray(), peer, port));
        return true;
    }, new FrontendCounters(context.metrics()));

    @AfterEach
    void close() {
        context.close();
    }

    private void receive(byte[] esp, InetSocketAddress from) {
        PacketBuffer buffer = context.pool.acquire();
        buffer.append(esp, 0, esp.length);
        plane.receive(buffer, from, LOCAL.getPort());
    }

    @Test
    @DisplayName("RFC 4303 §3.4: verified ESP reaches the router; the reply is protected to the peer")
    void bothDirections() throws Exception {
        Dataplane.ChildSa sa = plane.install(spec("ike1", OUR_SPI, PEER_SPI, PEER, LOCAL, 0));
        EspSa peer = peerOf(OUR_SPI, PEER_SPI);
        byte[] up = ipv4("100.64.0.2", "198.18.0.1");
        receive(seal(peer, up), PEER);
        assertArrayEquals(up, context.toNetwork.poll());
        assertTrue(sa.lastInboundNanos() != 0);

        byte[] down = ipv4("198.18.0.1", "100.64.0.2");
        context.fromNetwork(down);
        assertEquals(1, sent.size());
        assertEquals(PEER, sent.getFirst().peer());
        assertEquals(4500, sent.getFirst().localPort());
        assertArrayEquals(down, open(peer, sent.getFirst().esp()));
        assertEquals(1, context.counter("quetzal_ikev2_esp_packets_total", "direction", "in"));
        assertEquals(1, context.counter("quetzal_ikev2_esp_packets_total", "direction", "out"));
        assertEquals(down.length, context.counter("quetzal_ikev2_esp_bytes_total", "direction", "out"));
        assertEquals("client1@vpn.test", plane.sessions().getFirst().identity());
    }

    @Test
    @DisplayName("RFC 4301 §5.2: a verified packet outside the selectors or from a spoofed source is dropped and counted")
    void selectorViolations() {
        plane.install(spec("ike1", OUR_SPI, PEER_SPI, PEER, LOCAL, 0));
        EspSa peer = peerOf(OUR_SPI, PEER_SPI);
        receive(seal(peer, ipv4("100.64.0.9", "198.18.0.1")), PEER);
        receive(seal(peer, ipv4("100.64.0.2", "198.18.0.1", 1, 2, 60)), PEER);
        assertEquals(1, context.toNetwork.size(), "only the packet from the client's own address passes");
        assertEquals(1, context.dropped("ts-violation"));
    }

    @Test
    @DisplayName("RFC 4303 §3.4.2, §3.4.4: unknown SPIs, bad ICVs and replays are dropped by reason")
    void dropsByReason() {
        plane.install(spec("ike1", OUR_SPI, PEER_SPI, PEER, LOCAL, 0));
        EspSa peer = peerOf(OUR_SPI, PEER_SPI);
        byte[] esp = seal(peer, ipv4("100.64.0.2", "198.18.0.1"));
        byte[] unknown = esp.clone();
        unknown[3] ^= 1;
        receive(unknown, PEER);
        byte[] corrupt = esp.clone();
        corrupt[corrupt.length - 1] ^= 1;
        receive(corrupt, PEER);
        receive(esp, PEER);
        receive(esp, PEER);
        assertEquals(1, context.dropped("unknown-spi"));
        assertEquals(1, context.dropped("auth-failed"));
        assertEquals(1, context.dropped("replay"));
        assertEquals(1, context.toNetwork.size());
        assertEquals(context.pool.available(), 256, "every dropped buffer went back to the pool");
    }

    @Test
    @DisplayName("RFC 7296 §2.23: ESP follows the peer's new address, but not for a late or forged packet")
    void followsNatRebinding() {
        plane.install(spec("ike1", OUR_SPI, PEER_SPI, PEER, LOCAL, 0));
        EspSa peer = peerOf(OUR_SPI, PEER_SPI);
        byte[] first = seal(peer, ipv4("100.64.0.2", "198.18.0.1"));
        byte[] second = seal(peer, ipv4("100.64.0.2", "198.18.0.1"));
        byte[] forged = seal(peer, ipv4("100.64.0.2", "198.18.0.1"));
        forged[forged.length - 1] ^= 1;
        receive(forged, MOVED);
        assertEquals(PEER, plane.sessions().getFirst().remoteEndpoint(), "a forged packet moves nothing");

        receive(second, MOVED);
        assertEquals(MOVED, plane.sessions().getFirst().remoteEndpoint());
        receive(first, PEER);
        assertEquals(MOVED, plane.sessions().getFirst().remoteEndpoint(), "a late packet does not move it back");
        assertEquals(2, context.toNetwork.size());
        assertEquals(1, context.counter("quetzal_ikev2_peer_moves_total"));

        context.fromNetwork(ipv4("198.18.0.1", "100.64.0.2"));
        assertEquals(MOVED, sent.getLast().peer());

        plane.peerMoved("ike1", PEER);
        assertEquals(PEER, plane.sessions().getFirst().remoteEndpoint(), "the engine may move it too");
    }

    @Test
    @DisplayName("RFC 7296 §2.8: the new SA sends at once, the old one receives until removed; last removal detaches")
    void rekey() {
        Dataplane.ChildSa old = plane.install(spec("ike1", OUR_SPI, PEER_SPI, PEER, LOCAL, 0));
        Dataplane.ChildSa fresh = plane.install(spec("ike1", OUR_SPI + 1, PEER_SPI + 1, MOVED, LOCAL, OUR_SPI));
        assertEquals(1, plane.sessions().size(), "one IKE SA, one session");
        assertEquals(MOVED, plane.sessions().getFirst().remoteEndpoint(), "the rekey brings the IKE SA's current peer");
        EspSa oldPeer = peerOf(OUR_SPI, PEER_SPI);
        EspSa newPeer = peerOf(OUR_SPI + 1, PEER_SPI + 1);

        context.fromNetwork(ipv4("198.18.0.1", "100.64.0.2"));
        assertArrayEquals(ipv4("198.18.0.1", "100.64.0.2"), open(newPeer, sent.getLast().esp()));
        receive(seal(oldPeer, ipv4("100.64.0.2", "198.18.0.1")), PEER);
        assertEquals(1, context.toNetwork.size(), "the old SA still receives");

        old.remove();
        old.remove();
        receive(seal(oldPeer, ipv4("100.64.0.2", "198.18.0.1")), PEER);
        assertEquals(1, context.dropped("unknown-spi"));
        receive(seal(newPeer, ipv4("100.64.0.2", "198.18.0.1")), PEER);
        assertEquals(2, context.toNetwork.size());

        fresh.remove();
        assertTrue(plane.sessions().isEmpty());
        assertTrue(context.router.attachedSessions().isEmpty(), "the last Child SA's removal detaches the session");
        int before = sent.size();
        context.fromNetwork(ipv4("198.18.0.1", "100.64.0.2"));
        assertEquals(before, sent.size());
    }

    @Test
    @DisplayName("RFC 4303 §2.1: one SPI names one SA; ESP on the other socket is refused")
    void spiUniquenessAndSocket() {
        plane.install(spec("ike1", OUR_SPI, PEER_SPI, PEER, LOCAL, 0));
        assertThrows(IllegalArgumentException.class,
                () -> plane.install(spec("ike2", OUR_SPI, PEER_SPI, PEER, LOCAL, 0)));
        PacketBuffer buffer = context.pool.acquire();
        byte[] esp = seal(peerOf(OUR_SPI, PEER_SPI), ipv4("100.64.0.2", "198.18.0.1"));
        buffer.append(esp, 0, esp.length);
        plane.receive(buffer, PEER, 500);
        assertEquals(1, context.dropped("wrong-port"));
        assertNull(context.toNetwork.poll());
    }
}
