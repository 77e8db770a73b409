package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway (the server here) checks liveness after 30 s of silence; the client never does. */
@Timeout(60)
@DisplayName("Dead-peer detection on a manual clock (RFC 7296 §2.4, retransmissions §2.1)")
class DeadPeerDetectionTest {
    private static final long S = Harness.SECOND;
    private static final long TICK = 100_000_000L;

    private static Harness established() {
        return Harness.established(SaLifetimes.DEFAULT, SaLifetimes.DEFAULT.withDpdInterval(Duration.ofSeconds(30)));
    }

    private static IkeSa serverSa(Harness h) {
        assertEquals(1, h.server.table().all().size());
        return h.server.table().all().getFirst();
    }

    /** The empty INFORMATIONAL requests the server sent and the client received. */
    private static List<IkeMessage> probes(Harness h) {
        IkeSa client = h.client.table().all().getFirst();
        IkeSa server = serverSa(h);
        return CreateChildSaTest.exchanges(h, client, server, ExchangeType.INFORMATIONAL).stream()
                .filter(m -> !m.header().response() && m.header().initiator() == server.originalInitiator()
                        && m.payloads().isEmpty())
                .toList();
    }

    @Test
    @DisplayName("§2.4: a peer silent for the interval gets one empty INFORMATIONAL request, not earlier")
    void idlePeerProbed() {
        Harness h = established();
        h.run(30 * S - TICK);
        assertEquals(0, h.server.table().counters().get("dpd_probe_sent"));
        h.advance(TICK);
        assertEquals(1, h.server.table().counters().get("dpd_probe_sent"));
        assertEquals(1, probes(h).size());
        assertEquals(1, h.server.table().counters().get("informational_answered"));
        // The client has no interval of its own: it only answers.
        assertEquals(0, h.client.table().counters().get("dpd_probe_sent"));
    }

    @Test
    @DisplayName("§2.4: an answered check keeps the SA; the next one follows a full interval after the answer")
    void answeredProbeKeepsSa() {
        Harness h = established();
        IkeSa server = serverSa(h);
        h.run(300 * S);
        assertEquals(10, h.server.table().counters().get("dpd_probe_sent"));
        assertEquals(10, probes(h).size());
        assertEquals(0, h.server.table().counters().get("dead_peer_detected"));
        assertEquals(IkeSa.State.ESTABLISHED, server.state());
        assertFalse(h.serverPlane.installed.getFirst().removed);
    }

    @Test
    @DisplayName("§2.4, §2.1: an unanswered check is retransmitted 4 times, then the IKE SA, its Child SA and its"
            + " address go without another message")
    void unansweredProbeRemovesSa() {
        Harness h = established();
        IkeSa server = serverSa(h);
        IpAddress address = server.innerAddresses().getFirst();
        List<InMemoryNetwork.Datagram> lost = new ArrayList<>();
        // The client is gone: nothing reaches it.
        h.network.drop = d -> d.to().equals(Harness.CLIENT) && lost.add(d);
        // Probe at 30 s, retransmissions at 30.5, 31.5, 33.5 and 37.5 s, given up 8 s after the last one.
        h.run(45_500_000_000L - TICK);
        assertEquals(5, lost.size());
        assertEquals(4, h.server.table().counters().get("retransmitted"));
        assertEquals(IkeSa.State.ESTABLISHED, server.state());
        h.advance(TICK);
        assertEquals(1, h.server.table().counters().get("dead_peer_detected"));
        assertEquals(1, h.server.table().counters().get("peer_unresponsive"));
        assertEquals(IkeSa.State.CLOSED, server.state());
        assertTrue(h.server.table().all().isEmpty());
        assertTrue(h.serverPlane.installed.getFirst().removed);
        assertEquals(List.of(address), h.serverEnv.released);
        assertEquals(0, h.server.table().timerCount());
        h.run(120 * S);
        assertEquals(5, lost.size());
    }

    @Test
    @DisplayName("§2.4: verified ESP from the peer proves it alive, so a busy tunnel is never probed")
    void espTrafficSuppressesProbes() {
        Harness h = established();
        Harness.FakeChildSa child = h.serverPlane.installed.getFirst();
        for (int i = 0; i < 60; i++) {
            child.lastInbound = h.now;
            h.run(10 * S);
        }
        assertEquals(0, h.server.table().counters().get("dpd_probe_sent"));
        // Once the ESP stops, the check comes one interval after the last packet.
        long lastPacket = h.now;
        child.lastInbound = lastPacket;
        h.run(30 * S - TICK);
        assertEquals(0, h.server.table().counters().get("dpd_probe_sent"));
        h.advance(TICK);
        assertEquals(1, h.server.table().counters().get("dpd_probe_sent"));
        assertEquals(IkeSa.State.ESTABLISHED, serverSa(h).state());
    }

    @Test
    @DisplayName("§2.4: requests from the peer prove it alive too: a client that checks every 20 s is never probed")
    void peerRequestsSuppressProbes() {
        Harness h = established();
        IkeSa client = h.client.table().all().getFirst();
        for (int i = 0; i < 15; i++) {
            h.run(20 * S);
            assertTrue(h.client.table().checkLiveness(client));
            h.network.pump();
        }
        assertEquals(15, h.client.table().counters().get("informational_answered"));
        assertEquals(0, h.server.table().counters().get("dpd_probe_sent"));
    }

    @Test
    @DisplayName("§2.4: with an interval of 0 no check is ever sent, and a silent peer keeps its SA")
    void zeroIntervalNeverProbes() {
        Harness h = Harness.established(SaLifetimes.DEFAULT, SaLifetimes.DEFAULT.withDpdInterval(Duration.ZERO));
        h.network.drop = d -> d.to().equals(Harness.CLIENT);
        h.run(600 * S);
        assertEquals(0, h.server.table().counters().get("dpd_probe_sent"));
        assertEquals(IkeSa.State.ESTABLISHED, serverSa(h).state());
    }
}
