package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the gateway moves the peer of an IKE SA (RFC 4555 §3.4, §3.5; RFC 7296 §2.11, §2.23), on the in-memory wire. */
@Timeout(30)
final class PeerMoveTest {
    private static final InetSocketAddress NEW = new InetSocketAddress("127.0.0.5", 4500);

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.getFirst();
    }

    private static Harness withoutMobike() {
        Harness.Pki pki = Harness.pki(KeyType.ECDSA_P256);
        Harness h = new Harness(pki.clientConfig(ProposalPolicy.DEFAULT, false).withMobike(false),
                pki.serverConfig(ProposalPolicy.DEFAULT));
        h.connect();
        h.network.engines.put(NEW, h.client);
        return h;
    }

    private static InetSocketAddress lastFromServer(Harness h) {
        return h.network.delivered.stream().filter(d -> d.from().equals(Harness.SERVER))
                .map(InMemoryNetwork.Datagram::to).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    @DisplayName("RFC 4555 §3.4, §3.9: a path test (NAT detection and COOKIE2 alone) from a new address is answered"
            + " there with COOKIE2 echoed, and moves nothing")
    void pathTestAnsweredWhereItCameFrom() {
        Harness h = Harness.established();
        h.network.engines.put(NEW, h.client);
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        assertTrue(client.mobike && server.mobike, "both ends offered MOBIKE (§3.1)");
        client.local = NEW;
        client.cookie2 = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        List<IkePayload> probe = new ArrayList<>(NatDetection.announce(client.spiI, client.spiR, client.peer));
        probe.add(NotifyPayload.of(NotifyType.COOKIE2, Octets.of(client.cookie2)));
        assertTrue(h.client.table().sendRequest(client, ExchangeType.INFORMATIONAL, probe));
        h.network.pump();
        assertEquals(1, h.client.table().counters().get("mobike_cookie2_echoed"));
        assertEquals(NEW, lastFromServer(h), "RFC 7296 §2.11: the response goes where the request came from");
        assertEquals(Harness.CLIENT, server.peer(), "a path test moves nothing");
        assertEquals(1, h.server.table().counters().get("peer_address_ignored_mobike"));
        assertEquals(0, h.server.table().counters().get("peer_moved_mobike"));
    }

    @Test
    @DisplayName("RFC 4555 §3.5, RFC 7296 §2.23: UPDATE_SA_ADDRESSES redoes NAT detection over the new path: a source"
            + " hash that matches means no NAT there, a faked one means a NAT; the peer moves either way")
    void updateRedoesNatDetection() {
        Harness h = Harness.established();
        h.network.engines.put(NEW, h.client);
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        assertTrue(server.peerBehindNat);
        client.local = NEW;
        assertTrue(h.client.table().sendRequest(client, ExchangeType.INFORMATIONAL, List.of(
                NotifyPayload.of(NotifyType.UPDATE_SA_ADDRESSES),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, NatDetection.hash(client.spiI, client.spiR, NEW)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP,
                        NatDetection.hash(client.spiI, client.spiR, Harness.SERVER)))));
        h.network.pump();
        assertEquals(NEW, server.peer());
        assertFalse(server.peerBehindNat, "the source hash matched the address the update came from");

        assertTrue(h.client.table().updateAddresses(client, NEW));
        h.network.pump();
        assertTrue(server.peerBehindNat, "our initiator's source hash is faked, as behind a NAT");
        assertEquals(2, h.server.table().counters().get("mobike_update_sa_addresses"));
        assertEquals(1, h.server.table().counters().get("peer_moved_mobike"), "the second update did not move it");
        assertEquals(1, h.client.table().counters().get("mobike_cookie2_echoed"));
    }

    @Test
    @DisplayName("RFC 4555 §3.6: ADDITIONAL_IP4_ADDRESS, ADDITIONAL_IP6_ADDRESS and NO_ADDITIONAL_ADDRESSES are"
            + " accepted: the INFORMATIONAL is answered, nothing moves and the SA stays up")
    void additionalAddressesAccepted() {
        Harness h = Harness.established();
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        List<IkePayload> addresses = List.of(
                NotifyPayload.of(NotifyType.ADDITIONAL_IP4_ADDRESS, Octets.of(new byte[] {(byte) 198, 18, 0, 7})),
                NotifyPayload.of(NotifyType.ADDITIONAL_IP6_ADDRESS, Octets.of(new byte[16])),
                NotifyPayload.of(NotifyType.NO_ADDITIONAL_ADDRESSES));
        assertTrue(h.client.table().sendRequest(client, ExchangeType.INFORMATIONAL, addresses));
        h.network.pump();
        assertEquals(1, h.client.table().counters().get("informational_answered"));
        assertEquals(Harness.CLIENT, server.peer());
        assertEquals(IkeSa.State.ESTABLISHED, server.state());
        assertEquals(1, server.children().size());
    }

    @Test
    @DisplayName("RFC 7296 §2.23: without MOBIKE, a peer behind NAT follows its authenticated liveness check to a new"
            + " port; a later request of the gateway goes there")
    void rebindingBehindNat() {
        Harness h = withoutMobike();
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        assertTrue(server.peerBehindNat, "our initiator fakes NAT detection, so the gateway sees a NAT");
        client.local = NEW;
        assertTrue(h.client.table().checkLiveness(client));
        h.network.pump();
        assertEquals(NEW, server.peer());
        assertEquals(1, h.server.table().counters().get("peer_moved_rebinding"));
        assertTrue(h.server.table().checkLiveness(server));
        h.network.pump();
        assertEquals(NEW, lastFromServer(h));
    }

    @Test
    @DisplayName("RFC 7296 §2.23: a peer with no NAT in front of it is not moved by an authenticated message from"
            + " another address; the response still goes to that address (§2.11)")
    void noNatNoRebinding() {
        Harness h = withoutMobike();
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        // As if its NAT_DETECTION_SOURCE_IP had matched: the address it sent from is its own.
        server.peerBehindNat = false;
        assertFalse(PeerMove.followsRebinding(server));
        client.local = NEW;
        assertTrue(h.client.table().checkLiveness(client));
        h.network.pump();
        assertEquals(1, h.client.table().counters().get("informational_answered"));
        assertEquals(NEW, lastFromServer(h));
        assertEquals(Harness.CLIENT, server.peer());
        assertEquals(1, h.server.table().counters().get("peer_address_ignored_no_nat"));
    }
}
