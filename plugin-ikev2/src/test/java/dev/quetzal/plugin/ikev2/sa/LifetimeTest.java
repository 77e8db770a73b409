package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.KePayload;
import dev.quetzal.plugin.ikev2.message.Proposal;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.TransformType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway (the server here) keeps the default 1 h / 4 h lifetimes unless a test says otherwise. */
@Timeout(60)
@DisplayName("SA lifetimes on a manual clock: RFC 7296 §2.8 (rekey before expiry, each end's own schedule),"
        + " RFC 4301 §4.4.2.1 (soft and hard lifetimes)")
class LifetimeTest {
    private static final long S = Harness.SECOND;

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.getFirst();
    }

    @Test
    @DisplayName("§2.8: the Child SA rekey starts between lifetime - margin - jitter and lifetime - margin")
    void softRekeyWithinJitter() {
        Harness h = Harness.established(Harness.lifetimes(1000, 100, 10, 5), SaLifetimes.DEFAULT);
        long start = h.now;
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();
        h.run(85 * S - 100_000_000L);
        assertEquals(0, h.client.table().counters().get("child_rekey_started"));
        while (h.client.table().counters().get("child_rekey_started") == 0 && h.now - start < 100 * S) {
            h.advance(100_000_000L);
        }
        long firedAt = h.now - start;
        assertTrue(firedAt >= 85 * S && firedAt <= 90 * S, "rekey at " + firedAt + " ns");
        assertTrue(serverOld.removed);
        assertEquals(serverOld.inboundSpi(), h.serverPlane.installed.get(1).spec.replaces());
        assertTrue(EspCheck.carries(h.clientPlane.installed.get(1).spec, h.serverPlane.installed.get(1).spec));
        // The new Child SA has its own, later deadline: nothing more happens for a while.
        h.run(50 * S);
        assertEquals(1, h.client.table().counters().get("child_rekey_started"));
    }

    @Test
    @DisplayName("§2.8: the timed rekey proposes exactly the Child SA's suite and keeps its PFS group (§1.3.3)")
    void timedRekeyKeepsSuiteAndPfs() {
        Harness h = Harness.established(Harness.lifetimes(1000, 100, 10, 0), SaLifetimes.DEFAULT);
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        long start = h.now;
        // The Child SA in use was made with PFS (ECP-256) by a manual rekey.
        assertTrue(h.client.table().rekeyChild(client, h.clientPlane.installed.getFirst(), DhGroup.ECP_256));
        h.network.pump();
        Harness.FakeChildSa current = h.clientPlane.installed.get(1);
        h.run(89 * S);
        assertEquals(0, h.client.table().counters().get("child_rekey_started"));
        h.run(start + 90 * S - h.now);
        assertEquals(1, h.client.table().counters().get("child_rekey_started"));
        List<IkeMessage> exchanges = CreateChildSaTest.exchanges(h, client, server, ExchangeType.CREATE_CHILD_SA);
        IkeMessage manualAnswer = exchanges.get(1);
        IkeMessage timedRequest = exchanges.get(2);
        Proposal agreed = manualAnswer.first(SaPayload.class).orElseThrow().proposals().getFirst();
        Proposal offered = only(timedRequest.first(SaPayload.class).orElseThrow().proposals());
        assertEquals(agreed.transforms(), offered.transforms());
        assertTrue(offered.transforms().stream().anyMatch(t -> t.type() == TransformType.KE
                && t.id() == DhGroup.ECP_256.id()), offered.toString());
        assertEquals(DhGroup.ECP_256.id(), timedRequest.first(KePayload.class).orElseThrow().group());
        assertTrue(current.removed);
    }

    @Test
    @DisplayName("RFC 4301 §4.4.2.1: a Child SA the peer never lets us rekey is removed at its hard lifetime and deleted")
    void childHardExpiry() {
        Harness h = Harness.established(Harness.lifetimes(1000, 100, 10, 0), SaLifetimes.DEFAULT);
        IkeSa client = only(h.client.table().all());
        IkeSa server = only(h.server.table().all());
        // A peer that is going away answers every rekey with TEMPORARY_FAILURE (§2.25).
        server.deleting = true;
        Harness.FakeChildSa clientOld = h.clientPlane.installed.getFirst();
        Harness.FakeChildSa serverOld = h.serverPlane.installed.getFirst();
        h.run(100 * S - 100_000_000L);
        assertFalse(clientOld.removed);
        assertTrue(h.client.table().counters().get("create_child_refused_temporary_failure") >= 2, "retried every 2 s");
        h.run(100_000_000L);
        assertEquals(1, h.client.table().counters().get("child_sa_expired"));
        assertTrue(clientOld.removed);
        assertTrue(client.children().isEmpty());
        // Our Delete went out once the window was free; the peer removed its side too.
        assertTrue(serverOld.removed);
        assertEquals(1, h.server.table().counters().get("child_sa_deleted_by_peer"));
        assertEquals(1, h.client.table().timerCount(), "only the IKE SA's timer is left");
        assertEquals(IkeSa.State.ESTABLISHED, client.state());
    }

    @Test
    @DisplayName("§2.8: an IKE SA not rekeyed by its hard lifetime is deleted with its Child SAs; the address goes back")
    void ikeHardExpiry() {
        Harness h = Harness.established(Harness.lifetimes(100, 1000, 10, 0), SaLifetimes.DEFAULT);
        IkeSa server = only(h.server.table().all());
        server.deleting = true;
        h.run(100 * S - 100_000_000L);
        assertTrue(h.client.table().counters().get("ike_rekey_started") >= 2);
        assertEquals(1, h.client.table().all().size());
        h.run(100_000_000L);
        assertEquals(1, h.client.table().counters().get("ike_sa_expired"));
        assertTrue(h.client.table().all().isEmpty());
        assertTrue(h.server.table().all().isEmpty());
        assertTrue(h.clientPlane.installed.getFirst().removed && h.serverPlane.installed.getFirst().removed);
        assertEquals(List.of(IpAddress.parse("10.0.0.2")), h.serverEnv.released);
        assertEquals(0, h.client.table().timerCount());
        assertEquals(0, h.server.table().timerCount());
    }

    @Test
    @DisplayName("§2.8: a Child SA rekey the peer starts gives the new SA fresh timers of ours")
    void peerChildRekeyResetsTimers() {
        Harness h = Harness.established(Harness.lifetimes(1000, 100, 10, 0), SaLifetimes.DEFAULT);
        long start = h.now;
        h.run(50 * S);
        IkeSa server = only(h.server.table().all());
        assertTrue(h.server.table().rekeyChild(server, h.serverPlane.installed.getFirst(), DhGroup.NONE));
        h.network.pump();
        assertTrue(h.clientPlane.installed.getFirst().removed);
        h.run(start + 140 * S - 100_000_000L - h.now);
        assertEquals(0, h.client.table().counters().get("child_rekey_started"), "the old Child SA's deadline is gone");
        h.run(100_000_000L);
        assertEquals(1, h.client.table().counters().get("child_rekey_started"));
    }

    @Test
    @DisplayName("§2.18: an IKE SA rekey the peer starts gives the new IKE SA fresh timers of ours")
    void peerIkeRekeyResetsTimers() {
        Harness h = Harness.established(Harness.lifetimes(100, 1000, 10, 0), SaLifetimes.DEFAULT);
        long start = h.now;
        h.run(50 * S);
        assertTrue(h.server.table().rekeyIke(only(h.server.table().all())));
        h.network.pump();
        h.run(start + 140 * S - 100_000_000L - h.now);
        assertEquals(0, h.client.table().counters().get("ike_rekey_started"));
        h.run(100_000_000L);
        assertEquals(1, h.client.table().counters().get("ike_rekey_started"));
        assertEquals(2, h.client.table().counters().get("ike_sa_rekeyed"));
        assertEquals(2, h.client.table().timerCount());
    }

    @Test
    @DisplayName("§2.18: the Child SAs move to the new IKE SA with their timers and are rekeyed on schedule there")
    void childTimersMoveWithIkeRekey() {
        Harness h = Harness.established(Harness.lifetimes(1000, 100, 10, 0), SaLifetimes.DEFAULT);
        long start = h.now;
        h.run(50 * S);
        assertTrue(h.client.table().rekeyIke(only(h.client.table().all())));
        h.network.pump();
        IkeSa client = only(h.client.table().all());
        assertEquals(2, h.client.table().timerCount());
        h.run(start + 90 * S - 100_000_000L - h.now);
        assertEquals(0, h.client.table().counters().get("child_rekey_started"));
        h.run(100_000_000L);
        assertEquals(1, h.client.table().counters().get("child_rekey_started"));
        assertEquals(List.of(h.clientPlane.installed.get(1)), client.children());
        assertEquals(List.of(h.serverPlane.installed.get(1)), only(h.server.table().all()).children());
        assertTrue(h.serverPlane.installed.getFirst().removed);
    }

    @Test
    @DisplayName("§2.8: rekeys by time for 20 minutes and a delete leave no timer behind")
    void noTimerLeak() {
        Harness h = Harness.established(Harness.lifetimes(300, 100, 10, 0), SaLifetimes.DEFAULT);
        for (int minute = 0; minute < 20; minute++) {
            h.run(60 * S);
            assertEquals(2, h.client.table().timerCount(), "minute " + minute);
            assertEquals(2, h.server.table().timerCount(), "minute " + minute);
            assertEquals(1, h.client.table().all().size());
            assertEquals(1, h.server.table().all().size());
        }
        assertTrue(h.client.table().counters().get("child_rekey_started") >= 10);
        assertTrue(h.client.table().counters().get("ike_rekey_started") >= 3);
        assertTrue(h.client.table().delete(only(h.client.table().all())));
        h.network.pump();
        assertEquals(0, h.client.table().timerCount());
        assertEquals(0, h.server.table().timerCount());
        assertTrue(h.client.table().all().isEmpty() && h.server.table().all().isEmpty());
    }

    @Test
    @DisplayName("RFC 4301 §4.4.2.1: childSaBytes becomes the ESP hard byte limit, the soft one at 90 %")
    void byteLimits() {
        SaLifetimes withBytes = new SaLifetimes(SaLifetimes.DEFAULT.ikeSa(), SaLifetimes.DEFAULT.childSa(), 10L << 20);
        Harness h = Harness.established(SaLifetimes.DEFAULT, withBytes);
        var limits = h.serverPlane.installed.getFirst().spec.esp().limits();
        assertEquals(10L << 20, limits.hardBytes());
        assertEquals((10L << 20) - (1L << 20), limits.softBytes());
        assertEquals(Long.MAX_VALUE, h.clientPlane.installed.getFirst().spec.esp().limits().hardBytes());
        assertEquals(Duration.ofHours(1).toNanos(), withBytes.childSa().lifetimeNanos());
    }
}
