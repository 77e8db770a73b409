package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway (the server here) with a 100 s authentication lifetime, on a manual clock: it announces the lifetime in
 * IKE_AUTH and deletes an IKE SA whose client did not authenticate again within it and the 30 s grace period.
 */
@Timeout(60)
@DisplayName("Reauthentication: RFC 7296 §2.8.3, RFC 4478 AUTH_LIFETIME (issue 8, lifetimes)")
class ReauthenticationTest {
    private static final long S = Harness.SECOND;
    private static final long TICK = 100_000_000L;
    private static final SaLifetimes REAUTH_100S = SaLifetimes.DEFAULT.withReauth(Duration.ofSeconds(100));

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.getFirst();
    }

    private static Optional<NotifyPayload> authLifetime(Harness h) {
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        List<IkeMessage> auth = CreateChildSaTest.exchanges(h, client, server, ExchangeType.IKE_AUTH);
        assertEquals(2, auth.size());
        assertTrue(auth.getFirst().payloadsOf(NotifyPayload.class).stream()
                .noneMatch(n -> n.notifyType() == NotifyType.AUTH_LIFETIME), "the client announces nothing");
        return auth.get(1).payloadsOf(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.AUTH_LIFETIME).findFirst();
    }

    @Test
    @DisplayName("RFC 4478 §3: the IKE_AUTH response carries AUTH_LIFETIME, four octets of seconds; none when it is off")
    void announcedInIkeAuth() {
        NotifyPayload notify = authLifetime(Harness.established(SaLifetimes.DEFAULT, REAUTH_100S)).orElseThrow();
        assertArrayEquals(new byte[] {0, 0, 0, 100}, notify.data().toByteArray());
        assertEquals(0, notify.spi().length());
        assertTrue(authLifetime(Harness.established()).isEmpty());
    }

    @Test
    @DisplayName("§2.8.3: a client that does not reauthenticate is deleted at lifetime + grace with its Child SAs and"
            + " address, not before")
    void deletedWithoutReauthentication() {
        Harness h = Harness.established(SaLifetimes.DEFAULT, REAUTH_100S);
        h.run(130 * S - TICK);
        assertEquals(0, h.server.table().counters().get("reauth_expired"));
        assertEquals(IkeSa.State.ESTABLISHED, only(h.server.table().all()).state());
        h.run(TICK);
        assertEquals(1, h.server.table().counters().get("reauth_expired"));
        // The Delete went out and was answered (RFC 7296 §1.4.1): both ends forgot the IKE SA.
        assertTrue(h.server.table().all().isEmpty());
        assertTrue(h.client.table().all().isEmpty());
        assertTrue(h.serverPlane.installed.getFirst().removed && h.clientPlane.installed.getFirst().removed);
        assertEquals(List.of(IpAddress.parse("10.0.0.2")), h.serverEnv.released);
        assertEquals(0, h.server.table().timerCount());
    }

    @Test
    @DisplayName("§2.8.3: a client that made a new IKE SA with a full IKE_AUTH and deleted the old one keeps its"
            + " tunnel past the old deadline; the new IKE SA has its own")
    void reauthenticatedClientStays() {
        Harness h = Harness.established(SaLifetimes.DEFAULT, REAUTH_100S);
        long start = h.now;
        IkeSa old = only(h.client.table().all());
        h.run(60 * S);
        IkeSa fresh = h.client.initiate(Harness.SERVER, Harness.CLIENT);
        h.network.pump();
        assertTrue(h.client.table().delete(old));
        h.network.pump();
        assertEquals(IkeSa.State.ESTABLISHED, fresh.state());
        IkeSa serverFresh = only(h.server.table().all());
        assertEquals(1, h.server.table().counters().get("ike_sa_deleted"));
        h.run(start + 190 * S - TICK - h.now);
        assertEquals(0, h.server.table().counters().get("reauth_expired"), "the old deadline went with the old SA");
        assertEquals(List.of(serverFresh), h.server.table().all());
        assertEquals(IkeSa.State.ESTABLISHED, serverFresh.state());
        h.run(TICK);
        assertEquals(1, h.server.table().counters().get("reauth_expired"));
        assertTrue(h.server.table().all().isEmpty());
    }

    @Test
    @DisplayName("§2.8.3: an IKE SA rekey does not reauthenticate; the new IKE SA keeps the deadline")
    void rekeyKeepsDeadline() {
        Harness h = Harness.established(SaLifetimes.DEFAULT, REAUTH_100S);
        long start = h.now;
        h.run(50 * S);
        assertTrue(h.client.table().rekeyIke(only(h.client.table().all())));
        h.network.pump();
        assertEquals(1, h.server.table().counters().get("ike_sa_rekeyed"));
        IkeSa successor = only(h.server.table().all());
        h.run(start + 130 * S - TICK - h.now);
        assertEquals(List.of(successor), h.server.table().all());
        h.run(TICK);
        assertEquals(1, h.server.table().counters().get("reauth_expired"));
        assertTrue(h.server.table().all().isEmpty() && h.client.table().all().isEmpty());
        assertTrue(h.serverPlane.installed.getFirst().removed);
    }
}
