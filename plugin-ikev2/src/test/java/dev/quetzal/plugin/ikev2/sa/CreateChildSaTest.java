package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.KePayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
@DisplayName("CREATE_CHILD_SA for Child SAs: RFC 7296 §1.3.1 (another Child SA), §1.3.3 (rekey), §2.17 (KEYMAT)")
class CreateChildSaTest {
    static String hex(int spi) {
        return Integer.toHexString(spi);
    }

    @ParameterizedTest(name = "PFS group {0} (0 = none)")
    @ValueSource(ints = {0, 19, 14, 31})
    @DisplayName("§1.3.3: a Child SA rekey with and without PFS; new KEYMAT on both sides, install(replaces) then remove")
    void childRekey(int group) {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        Harness.FakeChildSa clientOld = h.clientPlane.installed.getFirst();
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();
        assertTrue(h.client.table().rekeyChild(sa, clientOld, new DhGroup(group)));
        h.network.pump();

        assertEquals(2, h.serverPlane.installed.size());
        Harness.FakeChildSa serverNew = h.serverPlane.installed.get(1);
        Harness.FakeChildSa clientNew = h.clientPlane.installed.get(1);
        assertEquals(List.of("install " + hex(serverOld.inboundSpi()) + " replaces 0",
                "install " + hex(serverNew.inboundSpi()) + " replaces " + hex(serverOld.inboundSpi()),
                "remove " + hex(serverOld.inboundSpi())), h.serverPlane.events);
        assertEquals(List.of("install " + hex(clientOld.inboundSpi()) + " replaces 0",
                "install " + hex(clientNew.inboundSpi()) + " replaces " + hex(clientOld.inboundSpi()),
                "remove " + hex(clientOld.inboundSpi())), h.clientPlane.events);
        assertEquals(clientNew.inboundSpi(), serverNew.outboundSpi());
        assertEquals(serverNew.inboundSpi(), clientNew.outboundSpi());
        assertTrue(EspCheck.carries(clientNew.spec, serverNew.spec), "client -> server with the new keys");
        assertTrue(EspCheck.carries(serverNew.spec, clientNew.spec), "server -> client with the new keys");
        assertEquals(serverOld.spec.remoteSelectors(), serverNew.spec.remoteSelectors());
        assertEquals(serverOld.spec.localSelectors(), serverNew.spec.localSelectors());
        IkeSa serverSa = h.server.table().all().getFirst();
        assertEquals(List.of(serverNew), serverSa.children());
        assertEquals(List.of(clientNew), sa.children());
        assertEquals(1, h.server.table().counters().get("child_sa_rekeyed"));
        assertEquals(1, h.server.table().counters().get("child_sa_deleted_by_peer"));
        assertEquals(1, h.client.table().counters().get("child_sa_deleted_by_us"));
        // The request and the answer carry KE exactly when PFS was asked for (§1.3.3, §3.4).
        List<IkeMessage> exchange = exchanges(h, sa, serverSa, ExchangeType.CREATE_CHILD_SA);
        assertEquals(2, exchange.size());
        for (IkeMessage m : exchange) {
            assertEquals(group != 0, m.first(KePayload.class).isPresent(), m.toString());
            m.first(KePayload.class).ifPresent(k -> assertEquals(group, k.group()));
        }
        assertTrue(exchange.getFirst().notify(NotifyType.REKEY_SA).isPresent());
    }

    /** Every delivered message of {@code exchangeType} of one IKE SA, opened by the end that received it. */
    static List<IkeMessage> exchanges(Harness h, IkeSa clientSa, IkeSa serverSa, int exchangeType) {
        List<IkeMessage> out = new ArrayList<>();
        for (InMemoryNetwork.Datagram d : h.network.delivered) {
            if (IkeMessage.decode(d.data()) instanceof DecodeResult.Ok ok
                    && ok.message().header().exchangeType() == exchangeType) {
                // The server's own messages are opened by the other end of the same IKE SA.
                IkeSa opener = d.to().equals(Harness.SERVER) ? serverSa : clientSa;
                if (opener.sk.open(ok).orElseThrow() instanceof DecodeResult.Ok inner) {
                    out.add(inner.message());
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("§1.3.3: the gateway rekeys a Child SA as initiator; the client answers and deletes nothing itself")
    void gatewayInitiatedRekey() {
        Harness h = Harness.established();
        IkeSa serverSa = h.server.table().all().getFirst();
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();
        Harness.FakeChildSa clientOld = h.clientPlane.installed.getFirst();
        assertTrue(h.server.table().rekeyChild(serverSa, serverOld, DhGroup.NONE));
        h.network.pump();
        Harness.FakeChildSa serverNew = h.serverPlane.installed.get(1);
        Harness.FakeChildSa clientNew = h.clientPlane.installed.get(1);
        assertEquals(serverOld.inboundSpi(), serverNew.spec.replaces());
        assertEquals(clientOld.inboundSpi(), clientNew.spec.replaces());
        assertTrue(serverOld.removed && clientOld.removed);
        assertFalse(serverNew.removed || clientNew.removed);
        assertTrue(EspCheck.carries(clientNew.spec, serverNew.spec));
        assertTrue(EspCheck.carries(serverNew.spec, clientNew.spec));
        // The gateway keeps the client's inner address as the remote selector.
        assertEquals(serverOld.spec.remoteSelectors(), serverNew.spec.remoteSelectors());
    }

    @Test
    @DisplayName("§1.3.1: another Child SA without REKEY_SA; TSi narrowed to the client's inner address (§2.9)")
    void extraChildSa() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        assertTrue(h.client.table().createChild(sa, DhGroup.NONE));
        h.network.pump();
        assertEquals(2, h.serverPlane.installed.size());
        Harness.FakeChildSa first = h.serverPlane.installed.getFirst();
        Harness.FakeChildSa extra = h.serverPlane.installed.get(1);
        assertEquals(0, extra.spec.replaces());
        assertFalse(first.removed || extra.removed);
        IpAddress inner = IpAddress.parse("10.0.0.2");
        List<TrafficSelector> expected = List.of(new AddressRange(TrafficSelector.ANY_PROTOCOL, 0, 0xFFFF, inner, inner));
        assertEquals(expected, extra.spec.remoteSelectors());
        assertEquals(List.of(inner), extra.spec.innerAddresses());
        assertNotEquals(first.inboundSpi(), extra.inboundSpi());
        assertTrue(EspCheck.carries(h.clientPlane.installed.get(1).spec, extra.spec));
        assertEquals(2, h.server.table().all().getFirst().children().size());
        assertEquals(2, sa.children().size());
        // No second address was taken from the pool.
        assertEquals(List.of(IpAddress.parse("10.0.0.3")), h.serverEnv.pool);
    }

    @Test
    @DisplayName("§1.3.1: another Child SA with PFS; both ends agree on the keys")
    void extraChildSaWithPfs() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        assertTrue(h.client.table().createChild(sa, DhGroup.CURVE25519));
        h.network.pump();
        assertTrue(EspCheck.carries(h.clientPlane.installed.get(1).spec, h.serverPlane.installed.get(1).spec));
        assertTrue(EspCheck.carries(h.serverPlane.installed.get(1).spec, h.clientPlane.installed.get(1).spec));
    }

    @Test
    @DisplayName("RFC 4303 §3.3.3 / RFC 7296 §2.8: the tick rekeys a Child SA whose ESP reports its limits near, once")
    void rekeyWhenEspAsks() {
        Harness h = Harness.established();
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();
        h.advance(100_000_000L);
        assertEquals(1, h.serverPlane.installed.size());
        serverOld.rekeyNeeded = true;
        h.advance(100_000_000L);
        assertEquals(1, h.server.table().counters().get("child_rekey_started"));
        assertEquals(2, h.serverPlane.installed.size());
        assertTrue(serverOld.removed);
        assertEquals(serverOld.inboundSpi(), h.serverPlane.installed.get(1).spec.replaces());
        h.advance(100_000_000L);
        assertEquals(1, h.server.table().counters().get("child_rekey_started"));
    }

    @Test
    @DisplayName("§2.2: with a request outstanding no CREATE_CHILD_SA is started (window size 1)")
    void windowFull() {
        Harness h = Harness.established();
        IkeSa sa = h.client.table().all().getFirst();
        assertTrue(h.client.table().checkLiveness(sa));
        assertFalse(h.client.table().createChild(sa, DhGroup.NONE));
        assertFalse(h.client.table().rekeyChild(sa, h.clientPlane.installed.getFirst(), DhGroup.NONE));
        assertFalse(h.client.table().rekeyIke(sa));
        h.network.pump();
        assertEquals(1, h.serverPlane.installed.size());
    }
}
