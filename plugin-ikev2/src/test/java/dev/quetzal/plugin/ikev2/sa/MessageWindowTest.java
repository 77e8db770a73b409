package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("Message IDs and INFORMATIONAL: RFC 7296 §2.1 (retransmission), §2.2 (window 1), §1.4 (Delete, liveness)")
class MessageWindowTest {
    @Test
    @DisplayName("§2.1: a lost response is recovered by the retransmitted request, answered from the cache")
    void retransmissionAnsweredFromCache() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        AtomicInteger responses = new AtomicInteger();
        h.network.drop = d -> d.to().equals(Harness.CLIENT) && responses.getAndIncrement() == 0;
        h.client.table().checkLiveness(sa);
        h.network.pump();
        assertEquals(0, h.client.table().counters().get("informational_answered"));
        h.advance(400_000_000L);
        assertEquals(0, h.client.table().counters().get("retransmitted"));
        h.advance(200_000_000L);
        assertEquals(1, h.client.table().counters().get("retransmitted"));
        assertEquals(1, h.server.table().counters().get("retransmit_answered"));
        assertEquals(1, h.client.table().counters().get("informational_answered"));
    }

    @Test
    @DisplayName("§2.1: an unanswered request is retried 5 times with doubling intervals, then the IKE SA is gone")
    void deadPeer() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        h.network.drop = d -> true;
        h.client.table().checkLiveness(sa);
        long[] waits = {500, 1000, 2000, 4000};
        for (long ms : waits) {
            h.advance(ms * 1_000_000L - 1);
            h.advance(1);
        }
        assertEquals(4, h.client.table().counters().get("retransmitted"));
        assertEquals(IkeSa.State.ESTABLISHED, sa.state());
        h.advance(8_000_000_000L);
        assertEquals(IkeSa.State.CLOSED, sa.state());
        assertEquals(1, h.client.table().counters().get("peer_unresponsive"));
        assertTrue(h.clientPlane.installed.getFirst().removed);
    }

    @Test
    @DisplayName("§2.2: a different request under the answered message ID, and an old ID, are dropped")
    void spoofedRetransmissionAndOldIds() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        h.client.table().checkLiveness(sa);
        h.network.pump();
        // Replay the IKE_AUTH request (message ID 1, already answered, now outside the window).
        InMemoryNetwork.Datagram auth = h.network.delivered.stream().filter(d -> d.to().equals(Harness.SERVER))
                .skip(1).findFirst().orElseThrow();
        h.server.receive(auth.data(), 0, auth.data().length, auth.from(), auth.to());
        assertEquals(1, h.server.table().counters().get("message_id_outside_window"));
        // A second liveness request is new data under a new ID and is answered normally.
        h.client.table().checkLiveness(sa);
        h.network.pump();
        assertEquals(2, h.client.table().counters().get("informational_answered"));
    }

    @Test
    @DisplayName("§1.4.1: Delete of the IKE SA is answered; both sides remove Child SAs, the address is released")
    void deleteIkeSa() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        assertTrue(h.client.table().delete(sa));
        h.network.pump();
        assertEquals(IkeSa.State.CLOSED, sa.state());
        assertTrue(h.client.table().all().isEmpty());
        assertTrue(h.server.table().all().isEmpty());
        assertTrue(h.serverPlane.installed.getFirst().removed);
        assertTrue(h.clientPlane.installed.getFirst().removed);
        assertEquals(List.of(IpAddress.parse("10.0.0.2")), h.serverEnv.released);
        assertEquals(1, h.server.table().counters().get("ike_sa_deleted_by_peer"));
    }

    @Test
    @DisplayName("§1.4.1: close() sends a Delete for every IKE SA; the peer removes it")
    void closeSendsDelete() {
        Harness h = Harness.established();
        h.server.close();
        h.network.pump();
        assertTrue(h.server.table().all().isEmpty());
        assertTrue(h.client.table().all().isEmpty());
        assertEquals(1, h.client.table().counters().get("ike_sa_deleted_by_peer"));
    }

    @Test
    @DisplayName("§2.21, §2.21.4: garbage is dropped unanswered; an unknown SPI gets INVALID_IKE_SPI, which the client"
            + " drops (§1.5)")
    void garbage() {
        Harness h = Harness.established();
        int before = h.network.delivered.size();
        h.server.receive(new byte[] {1, 2, 3}, 0, 3, Harness.CLIENT, Harness.SERVER);
        byte[] unknown = h.network.delivered.get(2).data().clone();
        unknown[11] ^= 0x55; // the responder SPI, which names our SA
        h.server.receive(unknown, 0, unknown.length, Harness.CLIENT, Harness.SERVER);
        h.network.pump();
        assertEquals(before + 1, h.network.delivered.size());
        assertEquals(1, h.server.table().counters().get("malformed_short"));
        assertEquals(1, h.server.table().counters().get("unknown_spi"));
        assertEquals(1, h.server.table().counters().get("error_answer_invalid_ike_spi"));
        // The answer is unprotected: the client's SA must ignore it and stay as it was.
        assertEquals(IkeSa.State.ESTABLISHED, h.client.table().all().getFirst().state);
    }
}
