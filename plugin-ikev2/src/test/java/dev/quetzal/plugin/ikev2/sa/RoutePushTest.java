package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import dev.quetzal.plugin.ikev2.message.TsPayload;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
@DisplayName("Route push: the gateway rekeys a Child SA with re-narrowed selectors when routes change (RFC 7296 §1.3.3,"
        + " §2.8, §2.9)")
class RoutePushTest {
    private static final Route CORP = Route.include(IpPrefix.parse("10.1.0.0/16"), "test");
    private static final Route LEARNED = Route.include(IpPrefix.parse("10.3.0.0/16"), "test");

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.getFirst();
    }

    private static AddressRange range(String start, String end) {
        return new AddressRange(TrafficSelector.ANY_PROTOCOL, 0, 0xFFFF, IpAddress.parse(start), IpAddress.parse(end));
    }

    /** Connected with the server offering {@code routes}; the client asked for everything (full-tunnel request). */
    private static Harness connected(List<Route> routes) {
        Harness h = new Harness(Harness.pki(dev.quetzal.plugin.ikev2.certs.KeyType.ECDSA_P256)
                .clientConfig(ProposalPolicy.DEFAULT, false),
                Harness.pki(dev.quetzal.plugin.ikev2.certs.KeyType.ECDSA_P256).serverConfig(ProposalPolicy.DEFAULT));
        h.serverEnv.routes = routes;
        h.connect();
        return h;
    }

    /** CREATE_CHILD_SA requests the server sent (R flag clear on its messages, RFC 7296 §3.1), opened. */
    private static List<IkeMessage> serverRequests(Harness h) {
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        return CreateChildSaTest.exchanges(h, client, server, ExchangeType.CREATE_CHILD_SA).stream()
                .filter(m -> !m.header().response() && !m.header().initiator()).toList();
    }

    private static List<Harness.FakeChildSa> live(Harness.FakeDataplane plane) {
        return plane.installed.stream().filter(c -> !c.removed).toList();
    }

    @Test
    @DisplayName("§1.3.3, §2.9: a new include route reaches the client as a gateway-initiated rekey with REKEY_SA, the"
            + " new selectors as TSi; the client installs it without rekeying itself and the old pair is deleted")
    void newRouteIsPushed() {
        Harness h = connected(List.of(CORP));
        Harness.FakeChildSa clientOld = only(h.clientPlane.installed);
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255")), clientOld.spec.remoteSelectors());

        h.serverEnv.routes = List.of(CORP, LEARNED);
        h.server.routesChanged();
        h.network.pump();

        IkeMessage push = only(serverRequests(h));
        assertTrue(push.notify(NotifyType.REKEY_SA).isPresent(), "§1.3.3: the request names the SA it replaces");
        List<TrafficSelector> wanted = List.of(range("10.1.0.0", "10.1.255.255"), range("10.3.0.0", "10.3.255.255"));
        TsPayload tsi = push.payloadsOf(TsPayload.class).stream().filter(TsPayload::initiator).findFirst().orElseThrow();
        assertEquals(wanted, tsi.selectors(), "§2.9: the gateway's side is TSi of its own exchange");

        Harness.FakeChildSa clientNew = only(live(h.clientPlane));
        Harness.FakeChildSa serverNew = only(live(h.serverPlane));
        assertEquals(wanted, clientNew.spec.remoteSelectors());
        assertEquals(wanted, serverNew.spec.localSelectors());
        assertEquals(clientOld.spec.localSelectors(), clientNew.spec.localSelectors(), "the inner address stays");
        assertEquals(clientOld.inboundSpi(), clientNew.spec.replaces());
        assertTrue(clientOld.removed && h.serverPlane.installed.getFirst().removed);
        assertTrue(EspCheck.carries(clientNew.spec, serverNew.spec));
        assertTrue(EspCheck.carries(serverNew.spec, clientNew.spec));
        assertEquals(1, h.server.table().counters().get("route_push_started"));
        assertEquals(0, h.client.table().counters().get("child_rekey_started"));

        // Nothing differs any more: later ticks and the same route set again push nothing.
        h.run(3 * Harness.SECOND);
        h.server.routesChanged();
        h.network.pump();
        assertEquals(1, h.server.table().counters().get("route_push_started"));
        assertEquals(1, serverRequests(h).size());
    }

    @Test
    @DisplayName("§2.9: a withdrawn route is pushed too; the original full request is narrowed again, not the installed"
            + " selectors, so a route that comes back is offered again")
    void withdrawnAndRestoredRoutes() {
        Harness h = connected(List.of(CORP, LEARNED));
        h.serverEnv.routes = List.of(CORP);
        h.server.routesChanged();
        h.network.pump();
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255")), only(live(h.clientPlane)).spec.remoteSelectors());

        h.serverEnv.routes = List.of(CORP, LEARNED);
        h.server.routesChanged();
        h.network.pump();
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255"), range("10.3.0.0", "10.3.255.255")),
                only(live(h.clientPlane)).spec.remoteSelectors());
        assertEquals(2, h.server.table().counters().get("route_push_started"));
    }

    @Test
    @DisplayName("§2.9, §3.13.1: an exclude route pushed later splits the installed range around it")
    void excludeRouteIsPushed() {
        Harness h = connected(List.of(Route.include(IpPrefix.parse("10.0.0.0/8"), "test")));
        h.serverEnv.routes = List.of(Route.include(IpPrefix.parse("10.0.0.0/8"), "test"),
                Route.exclude(IpPrefix.parse("10.5.0.0/16"), "test"));
        h.server.routesChanged();
        h.network.pump();
        assertEquals(List.of(range("10.0.0.0", "10.4.255.255"), range("10.6.0.0", "10.255.255.255")),
                only(live(h.clientPlane)).spec.remoteSelectors());
    }

    @Test
    @DisplayName("§2.9: a route set that leaves nothing of the request is not pushed, counted once per change")
    void emptyNarrowingIsNotPushed() {
        Harness h = connected(List.of(CORP));
        // Only IPv6 routes: nothing of the client's IPv4 request remains.
        h.serverEnv.routes = List.of(Route.include(IpPrefix.parse("2001:db8::/32"), "test"));
        h.server.routesChanged();
        h.network.pump();
        h.run(3 * Harness.SECOND);

        assertEquals(1, h.server.table().counters().get("route_push_empty"));
        assertEquals(0, h.server.table().counters().get("route_push_started"));
        assertTrue(serverRequests(h).isEmpty());
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255")), only(live(h.clientPlane)).spec.remoteSelectors());

        h.server.routesChanged();
        h.network.pump();
        assertEquals(2, h.server.table().counters().get("route_push_empty"), "counted again for a new change");
    }

    @ParameterizedTest(name = "IKE SA rekey in progress: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("§2.3 window size 1: while the gateway's own exchange (a liveness check, or an IKE SA rekey, §2.18) is"
            + " outstanding the push waits, then follows it, on the IKE SA that now holds the Child SA")
    void pushWaitsForTheExchangeInProgress(boolean ikeRekey) {
        Harness h = connected(List.of(CORP));
        IkeSa server = only(h.server.table().all());
        assertTrue(ikeRekey ? h.server.table().rekeyIke(server) : h.server.table().checkLiveness(server));
        h.serverEnv.routes = List.of(CORP, LEARNED);
        h.server.routesChanged();
        assertEquals(0, h.server.table().counters().get("route_push_started"), "our exchange is outstanding");
        assertEquals(0, h.server.table().counters().get("request_window_full"), "no request was attempted");

        h.network.pump();
        h.advance(100_000_000L);
        assertEquals(ikeRekey ? 1 : 0, h.server.table().counters().get("ike_sa_rekeyed"));
        assertEquals(ikeRekey, server.superseded() || server.state() == IkeSa.State.CLOSED);
        assertEquals(1, h.server.table().counters().get("route_push_started"));
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255"), range("10.3.0.0", "10.3.255.255")),
                only(live(h.clientPlane)).spec.remoteSelectors());
    }

    @Test
    @DisplayName("§2.8.1: the client rekeys the same Child SA while the push is in flight; the collision resolves and"
            + " the client ends with one Child SA that has the new selectors")
    void collisionWithClientRekey() {
        Harness h = connected(List.of(CORP));
        IkeSa client = only(h.client.table().all());
        Harness.FakeChildSa clientOld = only(h.clientPlane.installed);
        assertTrue(h.client.table().rekeyChild(client, only(client.children()), DhGroup.NONE));
        h.serverEnv.routes = List.of(CORP, LEARNED);
        h.server.routesChanged();
        assertEquals(1, h.server.table().counters().get("route_push_started"), "both requests are on the wire");

        h.network.pump();
        h.run(5 * Harness.SECOND);

        assertEquals(1, h.server.table().counters().get("child_rekey_collision"));
        assertEquals(1, h.client.table().counters().get("child_rekey_collision"));
        assertTrue(clientOld.removed);
        Harness.FakeChildSa clientNew = only(live(h.clientPlane));
        Harness.FakeChildSa serverNew = only(live(h.serverPlane));
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255"), range("10.3.0.0", "10.3.255.255")),
                clientNew.spec.remoteSelectors());
        assertEquals(clientNew.spec.remoteSelectors(), serverNew.spec.localSelectors());
        assertTrue(EspCheck.carries(clientNew.spec, serverNew.spec));
        assertTrue(EspCheck.carries(serverNew.spec, clientNew.spec));
        assertFalse(only(h.server.table().all()).routePushPending);
    }

    @Test
    @DisplayName("§2.25: a client that answers TEMPORARY_FAILURE is asked again after the retry delay, and given up on"
            + " after three pushes; its Child SA stays as it was")
    void refusedPushIsRetriedThenAbandoned() {
        Harness h = connected(List.of(CORP));
        // The client is deleting its IKE SA, so it refuses every CREATE_CHILD_SA with TEMPORARY_FAILURE.
        only(h.client.table().all()).deleting = true;
        h.serverEnv.routes = List.of(CORP, LEARNED);
        h.server.routesChanged();
        h.network.pump();
        assertEquals(1, h.server.table().counters().get("route_push_started"));
        assertEquals(1, h.server.table().counters().get("create_child_refused_temporary_failure"));

        h.run(1 * Harness.SECOND);
        assertEquals(1, h.server.table().counters().get("route_push_started"), "not before the retry delay");
        h.run(10 * Harness.SECOND);

        assertEquals(3, h.server.table().counters().get("route_push_started"));
        assertEquals(3, h.server.table().counters().get("create_child_refused_temporary_failure"));
        assertEquals(1, h.server.table().counters().get("route_push_abandoned"));
        assertFalse(only(h.server.table().all()).routePushPending);
        assertEquals(List.of(range("10.1.0.0", "10.1.255.255")), only(live(h.clientPlane)).spec.remoteSelectors());
    }
}
