package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NoncePayload;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
@DisplayName("Simultaneous rekeying: RFC 7296 §2.8.1 (Child SA), §2.8.2 (IKE SA), driven by both ends' lifetimes")
class RekeyCollisionTest {
    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.getFirst();
    }

    /** One CREATE_CHILD_SA exchange as delivered: who started it, its request and its response. */
    private record Exchange(boolean byClient, IkeMessage request, IkeMessage response) {
        byte[] lowestNonce() {
            byte[] ni = request.first(NoncePayload.class).orElseThrow().nonce().toByteArray();
            byte[] nr = response.first(NoncePayload.class).orElseThrow().nonce().toByteArray();
            return Arrays.compareUnsigned(ni, nr) <= 0 ? ni : nr;
        }

        long proposedSpi() {
            return request.first(SaPayload.class).orElseThrow().proposals().getFirst().spi().toLong();
        }
    }

    /** The two crossed exchanges, told apart by the I and R flags (RFC 7296 §3.1: the client is the original initiator). */
    private static List<Exchange> crossed(Harness h, IkeSa client, IkeSa server) {
        List<IkeMessage> all = CreateChildSaTest.exchanges(h, client, server, ExchangeType.CREATE_CHILD_SA);
        List<Exchange> out = new ArrayList<>();
        for (boolean byClient : new boolean[] {true, false}) {
            IkeMessage request = all.stream().filter(m -> !m.header().response() && m.header().initiator() == byClient)
                    .findFirst().orElseThrow();
            IkeMessage response = all.stream().filter(m -> m.header().response() && m.header().initiator() != byClient)
                    .findFirst().orElseThrow();
            out.add(new Exchange(byClient, request, response));
        }
        assertEquals(4, all.size(), "exactly two exchanges, both completed");
        return out;
    }

    /** The exchange whose new SA survives: the other one holds the lowest of the four nonces (§2.8.1). */
    private static Exchange surviving(List<Exchange> exchanges) {
        Exchange a = exchanges.get(0);
        Exchange b = exchanges.get(1);
        return Arrays.compareUnsigned(a.lowestNonce(), b.lowestNonce()) < 0 ? b : a;
    }

    @ParameterizedTest(name = "server ticks first: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("§2.8.1: both soft deadlines fire in one tick; both exchanges complete, the lowest-nonce SA is deleted"
            + " by its initiator, the other initiator deletes the old SA; one working pair remains")
    void childRekeysCross(boolean serverFirst) {
        SaLifetimes same = Harness.lifetimes(1000, 100, 10, 0);
        Harness h = Harness.established(same, same);
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        Harness.FakeChildSa clientOld = h.clientPlane.installed.getFirst();
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();

        h.advance(90 * Harness.SECOND, serverFirst);

        assertEquals(1, h.client.table().counters().get("child_rekey_started"));
        assertEquals(1, h.server.table().counters().get("child_rekey_started"));
        assertEquals(1, h.client.table().counters().get("child_rekey_collision"));
        assertEquals(1, h.server.table().counters().get("child_rekey_collision"));
        assertEquals(0, h.client.table().counters().get("child_refused_temporary_failure"));
        assertEquals(0, h.server.table().counters().get("child_refused_temporary_failure"));
        Exchange winner = surviving(crossed(h, client, server));
        IkeSa winnerSa = winner.byClient() ? client : server;
        assertEquals(1, (winner.byClient() ? h.client : h.server).table().counters().get("child_rekey_collision_survived"));
        assertEquals(1, (winner.byClient() ? h.server : h.client).table().counters().get("child_rekey_collision_redundant"));

        // Old, redundant: removed on both ends; the survivor is the SA the winner's request proposed.
        assertTrue(clientOld.removed && serverOld.removed);
        Harness.FakeChildSa clientNew = (Harness.FakeChildSa) only(client.children());
        Harness.FakeChildSa serverNew = (Harness.FakeChildSa) only(server.children());
        assertEquals(3, h.clientPlane.installed.size());
        assertEquals(3, h.serverPlane.installed.size());
        assertEquals(2, h.clientPlane.installed.stream().filter(c -> c.removed).count());
        assertEquals(2, h.serverPlane.installed.stream().filter(c -> c.removed).count());
        assertFalse(clientNew.removed || serverNew.removed);
        assertEquals(winner.proposedSpi(), Integer.toUnsignedLong(only(winnerSa.children()).inboundSpi()));
        assertEquals(clientNew.outboundSpi(), serverNew.inboundSpi());
        assertEquals(serverNew.outboundSpi(), clientNew.inboundSpi());
        assertTrue(EspCheck.carries(clientNew.spec, serverNew.spec));
        assertTrue(EspCheck.carries(serverNew.spec, clientNew.spec));
        // Nothing left waiting, and one Child SA timer per end.
        assertTrue(client.replacedChildren.isEmpty() && server.replacedChildren.isEmpty());
        assertEquals(2, h.client.table().timerCount());
        assertEquals(2, h.server.table().timerCount());
    }

    @ParameterizedTest(name = "server ticks first: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("§2.8.2: both ends rekey the IKE SA in one tick; the lowest-nonce IKE SA is deleted by its initiator,"
            + " the other inherits the Child SAs and its initiator deletes the old IKE SA")
    void ikeRekeysCross(boolean serverFirst) {
        SaLifetimes same = Harness.lifetimes(100, 1000, 10, 0);
        Harness h = Harness.established(same, same);
        IkeSa oldClient = only(h.client.table().all());
        IkeSa oldServer = only(h.server.table().all());

        h.advance(90 * Harness.SECOND, serverFirst);

        assertEquals(1, h.client.table().counters().get("ike_rekey_collision"));
        assertEquals(1, h.server.table().counters().get("ike_rekey_collision"));
        Exchange winner = surviving(crossed(h, oldClient, oldServer));
        assertEquals(1, (winner.byClient() ? h.client : h.server).table().counters().get("ike_rekey_collision_survived"));
        assertEquals(1, (winner.byClient() ? h.server : h.client).table().counters().get("ike_rekey_collision_redundant"));
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        assertEquals(IkeSa.State.CLOSED, oldClient.state());
        assertEquals(IkeSa.State.CLOSED, oldServer.state());
        assertFalse(client.superseded() || server.superseded());
        // The survivor is the one the winner's request offered its SPI for; both ends agree on SPIs and keys.
        assertEquals(winner.proposedSpi(), winner.byClient() ? client.spiI : server.spiI);
        assertEquals(winner.byClient(), client.originalInitiator());
        assertEquals(client.spiI, server.spiI);
        assertEquals(client.spiR, server.spiR);
        assertArrayEquals(client.sk.keys().skD(), server.sk.keys().skD());
        // The Child SAs and the address moved to it; nothing was removed or released.
        assertEquals(List.of(h.clientPlane.installed.getFirst()), client.children());
        assertEquals(List.of(h.serverPlane.installed.getFirst()), server.children());
        assertFalse(h.clientPlane.installed.getFirst().removed || h.serverPlane.installed.getFirst().removed);
        assertEquals(List.of(IpAddress.parse("10.0.0.2")), server.innerAddresses());
        assertTrue(h.serverEnv.released.isEmpty());
        assertEquals(0, h.server.table().counters().get("ike_sa_deleted"));
        assertEquals(2, h.client.table().timerCount());
        assertEquals(2, h.server.table().timerCount());
        // The surviving SA works: liveness both ways and a Child SA rekey.
        long clientAnswered = h.client.table().counters().get("informational_answered");
        long serverAnswered = h.server.table().counters().get("informational_answered");
        assertTrue(h.client.table().checkLiveness(client));
        h.network.pump();
        assertTrue(h.server.table().checkLiveness(server));
        h.network.pump();
        assertEquals(clientAnswered + 1, h.client.table().counters().get("informational_answered"));
        assertEquals(serverAnswered + 1, h.server.table().counters().get("informational_answered"));
        assertTrue(h.client.table().rekeyChild(client, h.clientPlane.installed.getFirst(), DhGroup.NONE));
        h.network.pump();
        assertTrue(EspCheck.carries(h.clientPlane.installed.get(1).spec, h.serverPlane.installed.get(1).spec));
        assertEquals(List.of(h.serverPlane.installed.get(1)), server.children());
    }

    @Test
    @DisplayName("§2.8.2: only one end notices the collision: the other, already rekeyed, answers TEMPORARY_FAILURE"
            + " (§2.25) and its Delete of the old SA ends the noticing end's attempt")
    void onlyOneEndNotices() {
        Harness h = Harness.established(SaLifetimes.DEFAULT, SaLifetimes.DEFAULT);
        IkeSa oldClient = only(h.client.table().all());
        List<InMemoryNetwork.Datagram> held = new ArrayList<>();
        // The gateway's rekey request and the client's Delete of the old SA are late.
        h.network.drop = d -> {
            IkeHeader header = ((DecodeResult.Ok) IkeMessage.decode(d.data())).message().header();
            boolean late = !header.response() && (d.to().equals(Harness.CLIENT)
                    ? header.exchangeType() == ExchangeType.CREATE_CHILD_SA
                    : header.exchangeType() == ExchangeType.INFORMATIONAL);
            return late && held.add(d);
        };
        assertTrue(h.server.table().rekeyIke(only(h.server.table().all())));
        assertTrue(h.client.table().rekeyIke(oldClient));
        h.network.pump();
        assertEquals(2, held.size());
        h.network.drop = d -> false;
        // The late rekey request reaches the client first, then the Delete reaches the gateway.
        h.network.queue.add(held.get(0));
        h.network.pump();
        h.network.queue.add(held.get(1));
        h.network.pump();

        assertEquals(1, h.client.table().counters().get("child_refused_temporary_failure"));
        assertEquals(1, h.server.table().counters().get("create_child_refused_temporary_failure"));
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        assertTrue(client.originalInitiator());
        assertEquals(client.spiR, server.spiR);
        assertArrayEquals(client.sk.keys().skD(), server.sk.keys().skD());
        assertEquals(List.of(h.serverPlane.installed.getFirst()), server.children());
        assertFalse(h.serverPlane.installed.getFirst().removed);
        assertTrue(h.serverEnv.released.isEmpty());
    }
}
