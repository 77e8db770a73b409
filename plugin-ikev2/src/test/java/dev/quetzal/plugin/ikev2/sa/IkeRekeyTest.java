package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.IkeSaKeys;
import dev.quetzal.plugin.ikev2.crypto.KeySchedule;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("IKE SA rekey: RFC 7296 §1.3.2 (exchange), §2.18 (keys, successor, Delete of the old SA)")
class IkeRekeyTest {
    private static IkeSa only(List<IkeSa> sas) {
        assertEquals(1, sas.size(), sas.toString());
        return sas.getFirst();
    }

    @Test
    @DisplayName("§2.18: new SPIs and keys on both sides, children moved, old SA deleted, IDs from 0, liveness and a child rekey on the new SA")
    void rekeyThenUseNewSa() {
        Harness h = Harness.established();
        IkeSa oldClient = only(h.client.table().all());
        IkeSa oldServer = only(h.server.table().all());
        byte[] oldSkD = oldServer.sk.keys().skD();
        assertTrue(h.client.table().rekeyIke(oldClient));
        h.network.pump();

        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        assertEquals(IkeSa.State.CLOSED, oldClient.state());
        assertEquals(IkeSa.State.CLOSED, oldServer.state());
        assertEquals(IkeSa.State.ESTABLISHED, client.state());
        assertEquals(IkeSa.State.ESTABLISHED, server.state());
        assertNotEquals(oldClient.spiI, client.spiI);
        assertNotEquals(oldServer.spiR, server.spiR);
        assertEquals(client.spiI, server.spiI);
        assertEquals(client.spiR, server.spiR);
        assertTrue(client.originalInitiator() && !server.originalInitiator());
        // §2.18: SKEYSEED = prf(SK_d old, g^ir new | Ni | Nr) and the SK_* from the new SPIs; both ends agree.
        IkeSaKeys c = client.sk.keys();
        IkeSaKeys s = server.sk.keys();
        assertArrayEquals(c.skD(), s.skD());
        assertArrayEquals(c.skEi(), s.skEi());
        assertArrayEquals(c.skEr(), s.skEr());
        assertFalse(java.util.Arrays.equals(oldSkD, s.skD()));
        assertArrayEquals(client.ni, server.ni);
        assertArrayEquals(client.nr, server.nr);
        // Children moved, not removed; the address stays with the client; the data plane id is stable.
        assertEquals(List.of(h.serverPlane.installed.getFirst()), server.children());
        assertEquals(List.of(h.clientPlane.installed.getFirst()), client.children());
        assertFalse(h.serverPlane.installed.getFirst().removed);
        assertFalse(h.clientPlane.installed.getFirst().removed);
        assertTrue(h.serverEnv.released.isEmpty());
        assertEquals(oldServer.id(), server.id());
        assertEquals(server.innerAddresses(), List.of(dev.quetzal.api.net.IpAddress.parse("10.0.0.2")));
        assertEquals(1, h.server.table().counters().get("ike_sa_rekeyed"));
        assertEquals(1, h.client.table().counters().get("ike_sa_rekeyed"));
        assertEquals(1, h.server.table().counters().get("ike_sa_deleted_by_peer"));
        // The old SA is retired, not counted as a deleted session.
        assertEquals(1, h.server.table().counters().get("ike_sa_retired"));
        assertEquals(0, h.server.table().counters().get("ike_sa_deleted"));
        assertEquals(1, h.client.table().counters().get("ike_sa_retired"));

        // Message IDs restart at 0 on the new SA (§2.18).
        assertTrue(h.client.table().checkLiveness(client));
        IkeHeader liveness = lastHeaderTo(h, Harness.SERVER);
        assertEquals(ExchangeType.INFORMATIONAL, liveness.exchangeType());
        assertEquals(0, liveness.messageId());
        assertEquals(client.spiI, liveness.initiatorSpi());
        h.network.pump();
        assertEquals(1, h.client.table().counters().get("informational_answered"), "the liveness check on the new SA");

        // A Child SA rekey on the new IKE SA: KEYMAT now comes from the new SK_d.
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();
        assertTrue(h.client.table().rekeyChild(client, h.clientPlane.installed.getFirst(), DhGroup.NONE));
        h.network.pump();
        Harness.FakeChildSa serverNew = h.serverPlane.installed.get(1);
        assertEquals(serverOld.inboundSpi(), serverNew.spec.replaces());
        assertTrue(serverOld.removed);
        assertEquals(server.id(), serverNew.spec.ikeSaId());
        assertTrue(EspCheck.carries(h.clientPlane.installed.get(1).spec, serverNew.spec));
        assertEquals(List.of(serverNew), server.children());
    }

    @Test
    @DisplayName("§2.18: the keys equal an independent computation with KeySchedule.rekeyedIkeSaKeys")
    void keysMatchSchedule() {
        Harness h = Harness.established();
        IkeSa oldServer = only(h.server.table().all());
        IkeSa oldClient = only(h.client.table().all());
        byte[] oldSkD = oldServer.sk.keys().skD();
        h.client.table().rekeyIke(oldClient);
        // The client's key exchange, kept to recompute g^ir from the server's KE below.
        var pending = oldClient.pendingCreate;
        h.network.pump();
        IkeSa server = only(h.server.table().all());
        IkeMessage answer = CreateChildSaTest.exchanges(h, oldClient, oldServer, ExchangeType.CREATE_CHILD_SA).get(1);
        byte[] serverKe = answer.first(dev.quetzal.plugin.ikev2.message.KePayload.class).orElseThrow().data().toByteArray();
        byte[] gir = ((dev.quetzal.plugin.ikev2.crypto.DhResult.Agreed) pending.dh().agree(serverKe)).sharedSecret();
        IkeSaKeys expected = KeySchedule.rekeyedIkeSaKeys(server.sk.suite(), oldServer.sk.suite().prf(), oldSkD, gir,
                server.ni, server.nr, server.spiI, server.spiR);
        assertArrayEquals(expected.skD(), server.sk.keys().skD());
        assertArrayEquals(expected.skPr(), server.sk.keys().skPr());
    }

    @Test
    @DisplayName("§2.18: the gateway rekeys the IKE SA; it becomes the new SA's original initiator and keeps the address pool role")
    void gatewayInitiatedIkeRekey() {
        Harness h = Harness.established();
        IkeSa oldServer = only(h.server.table().all());
        assertTrue(h.server.table().rekeyIke(oldServer));
        h.network.pump();
        IkeSa server = only(h.server.table().all());
        IkeSa client = only(h.client.table().all());
        assertTrue(server.originalInitiator());
        assertFalse(client.originalInitiator());
        assertArrayEquals(server.sk.keys().skD(), client.sk.keys().skD());
        assertTrue(h.client.table().checkLiveness(client));
        h.network.pump();
        assertTrue(h.server.table().checkLiveness(server));
        h.network.pump();
        assertEquals(1, h.server.table().counters().get("informational_answered"), "the liveness check on the new SA");
        // Deleting the new SA still gives the inner address back to the pool.
        assertTrue(h.server.table().delete(server));
        h.network.pump();
        assertEquals(List.of(dev.quetzal.api.net.IpAddress.parse("10.0.0.2")), h.serverEnv.released);
        assertTrue(h.serverPlane.installed.getFirst().removed);
    }

    @Test
    @DisplayName("§2.18: a rekeyed IKE SA whose Delete never comes is forgotten after 60 s; the children live on")
    void oldSaWithoutDelete() {
        Harness h = Harness.established();
        IkeSa oldServer = only(h.server.table().all());
        // The client's Delete of the old IKE SA (and its retransmissions) never arrive.
        h.network.drop = d -> d.to().equals(Harness.SERVER) && IkeMessage.decode(d.data()) instanceof DecodeResult.Ok ok
                && ok.message().header().initiatorSpi() == oldServer.spiI
                && ok.message().header().exchangeType() == ExchangeType.INFORMATIONAL;
        h.client.table().rekeyIke(only(h.client.table().all()));
        h.network.pump();
        assertEquals(2, h.server.table().all().size());
        assertTrue(oldServer.superseded());
        h.advance(IkeSaTable.SUPERSEDED_NANOS);
        assertEquals(IkeSa.State.CLOSED, oldServer.state());
        IkeSa server = only(h.server.table().all());
        assertEquals(1, server.children().size());
        assertFalse(h.serverPlane.installed.getFirst().removed);
        assertTrue(h.serverEnv.released.isEmpty());
        assertEquals(1, h.server.table().counters().get("superseded_timeout"));
    }

    @Test
    @DisplayName("§2.23: a NAT rebinding seen on the old SA's Delete moves the successor's peer too (no MOBIKE)")
    void natMoveDuringRekey() {
        Harness.Pki pki = Harness.pki(KeyType.ECDSA_P256);
        Harness h = new Harness(pki.clientConfig(ProposalPolicy.DEFAULT, false).withMobike(false),
                pki.serverConfig(ProposalPolicy.DEFAULT));
        h.connect();
        IkeSa oldServer = only(h.server.table().all());
        List<InMemoryNetwork.Datagram> held = new java.util.ArrayList<>();
        h.network.drop = d -> d.to().equals(Harness.SERVER) && IkeMessage.decode(d.data()) instanceof DecodeResult.Ok ok
                && ok.message().header().exchangeType() == ExchangeType.INFORMATIONAL && held.add(d);
        h.client.table().rekeyIke(only(h.client.table().all()));
        h.network.pump();
        assertEquals(1, held.size());
        java.net.InetSocketAddress rebound = new java.net.InetSocketAddress("127.0.0.2", 40500);
        byte[] delete = held.getFirst().data();
        h.server.receive(delete, 0, delete.length, rebound, Harness.SERVER);
        assertEquals(IkeSa.State.CLOSED, oldServer.state());
        assertEquals(rebound, only(h.server.table().all()).peer());
    }

    private static IkeHeader lastHeaderTo(Harness h, java.net.InetSocketAddress to) {
        InMemoryNetwork.Datagram d = h.network.queue.stream().filter(x -> x.to().equals(to)).reduce((a, b) -> b).orElseThrow();
        return ((DecodeResult.Ok) IkeMessage.decode(d.data())).message().header();
    }
}
