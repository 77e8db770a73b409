package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The router's verdict semantics in both directions (the filter contract in {@link PacketFilter}):
 * pass, drop with per-filter and per-reason counters, reply turning around through the filters
 * already passed, consumed, injection from the middle of the chain, filter failures, routing by
 * destination address, and the counters it keeps.
 */
final class DefaultPacketRouterTest {
    private static final Verdict.Drop NOT_ALLOWED = Verdict.drop("not-allowed");

    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketRouter router = new DefaultPacketRouter(metrics);
    private final DefaultPacketBufferPool pool = new DefaultPacketBufferPool(8, 64, 2048, metrics.global());
    private final RecordingBackend backend = new RecordingBackend();
    private final RecordingSession alice = new RecordingSession("alice", "100.64.0.2", "fd00::2");
    private final RecordingSession bob = new RecordingSession("bob", "100.64.0.3", "fd00::3");
    private final List<String> log = new ArrayList<>();

    @Test
    void outboundRunsFiltersInOrderThenTheBackend() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log), ScriptedFilter.passing("c", log));
        PacketBuffer packet = fromAlice();

        router.fromClient(alice, packet);

        assertEquals(List.of("a.out(alice)", "b.out(alice)", "c.out(alice)"), log);
        assertEquals(List.of(packet), backend.sent);
        assertEquals(7, pool.available());
    }

    @Test
    void inboundRunsFiltersInReverseThenDeliversToTheIpv4DestinationOwner() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log));
        router.attach(alice);
        router.attach(bob);
        PacketBuffer packet = TestPackets.in(pool, TestPackets.ipv4("198.18.0.1", "100.64.0.3", 60));

        router.fromNetwork(packet);

        assertEquals(List.of("b.in", "a.in"), log);
        assertEquals(List.of(packet), bob.delivered);
        assertEquals(List.of(), alice.delivered);
    }

    @Test
    void inboundDeliversToTheIpv6DestinationOwner() {
        bind(ScriptedFilter.passing("a", log));
        router.attach(alice);
        router.attach(bob);
        PacketBuffer packet = TestPackets.in(pool, TestPackets.ipv6("2001:db8::1", "fd00::2", 8));

        router.fromNetwork(packet);

        assertEquals(List.of(packet), alice.delivered);
        assertEquals(List.of(), bob.delivered);
    }

    @Test
    void outboundDropIsCountedByFilterAndReasonAndReleased() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.outbound("acl", log, NOT_ALLOWED),
                ScriptedFilter.passing("c", log));

        router.fromClient(alice, fromAlice());
        router.fromClient(alice, fromAlice());

        assertEquals(List.of("a.out(alice)", "acl.out(alice)", "a.out(alice)", "acl.out(alice)"), log);
        assertEquals(List.of(), backend.sent);
        assertEquals(2, dropped("acl", "not-allowed"));
        assertEquals(8, pool.available());
    }

    @Test
    void inboundDropIsCountedByFilterAndReasonAndReleased() {
        bind(ScriptedFilter.inbound("acl", log, Verdict.drop("ttl-exceeded")), ScriptedFilter.passing("b", log));
        router.attach(alice);

        router.fromNetwork(toAlice());

        assertEquals(List.of("b.in", "acl.in"), log);
        assertEquals(List.of(), alice.delivered);
        assertEquals(1, dropped("acl", "ttl-exceeded"));
        assertEquals(8, pool.available());
    }

    @Test
    void outboundReplyTurnsBackThroughEarlierFiltersToTheSender() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log),
                ScriptedFilter.outbound("dns64", log, Verdict.REPLY), ScriptedFilter.passing("d", log));
        router.attach(bob);
        PacketBuffer packet = fromAlice();

        router.fromClient(alice, packet);

        assertEquals(List.of("a.out(alice)", "b.out(alice)", "dns64.out(alice)", "b.in", "a.in"), log);
        assertEquals(List.of(packet), alice.delivered);
        assertEquals(List.of(), backend.sent);
    }

    @Test
    void outboundReplyFromTheFirstFilterGoesStraightBack() {
        bind(ScriptedFilter.outbound("a", log, Verdict.REPLY), ScriptedFilter.passing("b", log));
        PacketBuffer packet = fromAlice();

        router.fromClient(alice, packet);

        assertEquals(List.of("a.out(alice)"), log);
        assertEquals(List.of(packet), alice.delivered);
    }

    @Test
    void inboundReplyTurnsBackThroughLaterFiltersToTheBackend() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.inbound("icmp", log, Verdict.REPLY),
                ScriptedFilter.passing("c", log), ScriptedFilter.passing("d", log));
        router.attach(alice);
        PacketBuffer packet = toAlice();
        // The answer a filter makes comes from the client's address, so later filters see that client.
        swapAddresses(packet);

        router.fromNetwork(packet);

        assertEquals(List.of("d.in", "c.in", "icmp.in", "c.out(alice)", "d.out(alice)"), log);
        assertEquals(List.of(packet), backend.sent);
        assertEquals(List.of(), alice.delivered);
    }

    @Test
    void replyToAReplyIsDroppedAsALoop() {
        bind(ScriptedFilter.inbound("a", log, Verdict.REPLY), ScriptedFilter.outbound("b", log, Verdict.REPLY));

        router.fromClient(alice, fromAlice());

        assertEquals(List.of("a.out(alice)", "b.out(alice)", "a.in"), log);
        assertEquals(List.of(), alice.delivered);
        assertEquals(List.of(), backend.sent);
        assertEquals(1, dropped("a", "reply-loop"));
        assertEquals(8, pool.available());
    }

    @Test
    void consumedStopsThePacketAndLeavesItWithTheFilter() {
        bind(ScriptedFilter.outbound("frag", log, Verdict.CONSUMED), ScriptedFilter.passing("b", log));

        router.fromClient(alice, fromAlice());

        assertEquals(List.of("frag.out(alice)"), log);
        assertEquals(List.of(), backend.sent);
        assertEquals(7, pool.available());
    }

    @Test
    void inboundConsumedKeepsThePacketFromTheSession() {
        bind(ScriptedFilter.inbound("reassembly", log, Verdict.CONSUMED));
        router.attach(alice);

        router.fromNetwork(toAlice());

        assertEquals(List.of(), alice.delivered);
        assertEquals(7, pool.available());
    }

    @Test
    void outboundInjectContinuesAfterTheInjectingFilter() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log), ScriptedFilter.passing("c", log));
        PacketBuffer packet = fromAlice();

        router.inject(0, Direction.OUTBOUND, packet, alice);

        assertEquals(List.of("b.out(alice)", "c.out(alice)"), log);
        assertEquals(List.of(packet), backend.sent);
    }

    @Test
    void outboundInjectWithoutClientPassesTheSourceOwner() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log));
        router.attach(alice);

        router.inject(0, Direction.OUTBOUND, fromAlice(), null);

        assertEquals(List.of("b.out(alice)"), log);
    }

    @Test
    void inboundInjectContinuesBeforeTheInjectingFilterToTheGivenClient() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log), ScriptedFilter.passing("c", log));
        router.attach(alice);
        PacketBuffer packet = toAlice();

        router.inject(2, Direction.INBOUND, packet, bob);

        assertEquals(List.of("b.in", "a.in"), log);
        assertEquals(List.of(packet), bob.delivered);
        assertEquals(List.of(), alice.delivered);
    }

    @Test
    void inboundInjectWithoutClientDeliversByDestination() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log));
        router.attach(alice);
        PacketBuffer packet = toAlice();

        router.inject(1, Direction.INBOUND, packet, null);

        assertEquals(List.of("a.in"), log);
        assertEquals(List.of(packet), alice.delivered);
    }

    @Test
    void injectFromTheLastFilterOutboundGoesStraightToTheBackend() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log));
        PacketBuffer packet = fromAlice();

        router.inject(1, Direction.OUTBOUND, packet, alice);

        assertEquals(List.of(), log);
        assertEquals(List.of(packet), backend.sent);
    }

    @Test
    void injectWithUnknownFilterIndexReleasesAndThrows() {
        bind(ScriptedFilter.passing("a", log));

        assertThrows(IndexOutOfBoundsException.class, () -> router.inject(1, Direction.OUTBOUND, fromAlice(), alice));
        assertThrows(IndexOutOfBoundsException.class, () -> router.inject(-1, Direction.INBOUND, fromAlice(), alice));
        assertEquals(8, pool.available());
    }

    @Test
    void injectedMalformedPacketIsDropped() {
        bind(ScriptedFilter.passing("a", log), ScriptedFilter.passing("b", log));
        PacketBuffer packet = pool.acquire();
        packet.append(new byte[] {0x45, 0, 0, 10}, 0, 4);

        router.inject(0, Direction.OUTBOUND, packet, alice);

        assertEquals(List.of(), log);
        assertEquals(1, dropped("router", "malformed"));
        assertEquals(8, pool.available());
    }

    @Test
    void throwingFilterDropsAsFilterErrorInBothDirectionsWithoutPropagating() {
        ScriptedFilter broken = new ScriptedFilter("broken", log, () -> {
            throw new IllegalStateException("outbound bug");
        }, () -> {
            throw new IllegalStateException("inbound bug");
        });
        bind(ScriptedFilter.passing("a", log), broken, ScriptedFilter.passing("c", log));
        router.attach(alice);

        for (int i = 0; i < 3; i++) {
            router.fromClient(alice, fromAlice());
            router.fromNetwork(toAlice());
        }

        assertEquals(6, dropped("broken", "filter-error"));
        assertEquals(List.of(), backend.sent);
        assertEquals(List.of(), alice.delivered);
        assertEquals(8, pool.available());
    }

    @Test
    void nullVerdictIsAFilterError() {
        bind(ScriptedFilter.outbound("sloppy", log, null));

        router.fromClient(alice, fromAlice());

        assertEquals(1, dropped("sloppy", "filter-error"));
        assertEquals(8, pool.available());
    }

    @Test
    void throwingBackendIsCountedAndDoesNotPropagate() {
        Backend failing = new Backend() {
            @Override
            public void send(PacketBuffer packet) {
                throw new IllegalStateException("uplink bug");
            }

            @Override
            public BackendState state() {
                return new BackendState.Disconnected("test");
            }

            @Override
            public void close() {}
        };
        router.bind(List.of(), failing);

        router.fromClient(alice, fromAlice());

        assertEquals(1, dropped("router", "delivery-error"));
    }

    @Test
    void packetsBeforeBindAndAfterUnbindAreDroppedAsNotRunning() {
        router.attach(alice);
        router.fromClient(alice, fromAlice());
        router.fromNetwork(toAlice());
        bind(ScriptedFilter.passing("a", log));
        router.fromClient(alice, fromAlice());
        router.unbind();
        router.fromClient(alice, fromAlice());
        router.fromNetwork(toAlice());
        router.inject(0, Direction.INBOUND, toAlice(), alice);

        assertEquals(5, dropped("router", "not-running"));
        assertEquals(1, backend.sent.size());
        assertEquals(List.of(), alice.delivered);
        assertEquals(List.of("a.out(alice)"), log);
    }

    @Test
    void inboundPacketForNoSessionIsDroppedAsNoSession() {
        bind(ScriptedFilter.passing("a", log));
        router.attach(alice);

        router.fromNetwork(TestPackets.in(pool, TestPackets.ipv4("198.18.0.1", "100.64.0.99", 28)));
        router.fromNetwork(TestPackets.in(pool, TestPackets.ipv6("2001:db8::1", "fd00::99", 0)));

        assertEquals(2, dropped("router", "no-session"));
        assertEquals(List.of(), alice.delivered);
        assertEquals(8, pool.available());
    }

    @Test
    void countsPacketsAndBytesByDirectionOnEntry() {
        bind(ScriptedFilter.outbound("acl", log, NOT_ALLOWED));
        router.attach(alice);

        router.fromClient(alice, TestPackets.in(pool, TestPackets.ipv4("100.64.0.2", "198.18.0.1", 100)));
        router.fromClient(alice, TestPackets.in(pool, TestPackets.ipv4("100.64.0.2", "198.18.0.1", 50)));
        router.fromNetwork(TestPackets.in(pool, TestPackets.ipv6("2001:db8::1", "fd00::2", 20)));

        assertEquals(2, value("quetzal_router_packets_total", Map.of("direction", "outbound")));
        assertEquals(150, value("quetzal_router_bytes_total", Map.of("direction", "outbound")));
        assertEquals(1, value("quetzal_router_packets_total", Map.of("direction", "inbound")));
        assertEquals(60, value("quetzal_router_bytes_total", Map.of("direction", "inbound")));
    }

    @Test
    void bindRegistersEveryFilterCounterUpFront() {
        bind(ScriptedFilter.passing("a", log));

        assertEquals(0, dropped("a", "filter-error"));
        assertEquals(0, dropped("a", "reply-loop"));
        assertEquals(0, dropped("router", "malformed"));
        assertEquals(0, dropped("router", "no-session"));
    }

    @Test
    void rebindSwapsTheWholeChain() {
        bind(ScriptedFilter.passing("old", log));
        router.fromClient(alice, fromAlice());
        RecordingBackend newer = new RecordingBackend();
        router.bind(List.of(ScriptedFilter.passing("new", log).named()), newer);
        router.fromClient(alice, fromAlice());

        assertEquals(List.of("old.out(alice)", "new.out(alice)"), log);
        assertEquals(1, backend.sent.size());
        assertEquals(1, newer.sent.size());
    }

    @Test
    void attachedSessionsAreListedUntilTheirAttachmentCloses() {
        PacketRouter.Attachment a = router.attach(alice);
        router.attach(bob);

        assertEquals(List.of(alice, bob), router.attachedSessions());
        a.close();
        assertEquals(List.<ClientSession>of(bob), router.attachedSessions());
        assertEquals(1, value("quetzal_router_sessions", Map.of("component", "router")));
    }

    @Test
    void filtersMayRewriteInPlaceBeforeTheBackendSeesThePacket() {
        PacketFilter ttl = new PacketFilter() {
            @Override
            public Verdict outbound(PacketBuffer packet, ClientSession client) {
                packet.putByte(8, 63);
                return Verdict.PASS;
            }
        };
        router.bind(List.of(new NamedFilter("ttl", ttl)), backend);
        byte[] original = TestPackets.ipv4("100.64.0.2", "198.18.0.1", 40);

        router.fromClient(alice, TestPackets.in(pool, original));

        byte[] expected = original.clone();
        expected[8] = 63;
        assertArrayEquals(expected, backend.sent.getFirst().toByteArray());
        assertSame(pool, backend.sent.getFirst().pool());
    }

    private void bind(ScriptedFilter... filters) {
        List<NamedFilter> chain = new ArrayList<>();
        for (ScriptedFilter filter : filters) {
            chain.add(filter.named());
        }
        router.bind(chain, backend);
    }

    private PacketBuffer fromAlice() {
        return TestPackets.in(pool, TestPackets.ipv4("100.64.0.2", "198.18.0.1", 48));
    }

    private PacketBuffer toAlice() {
        return TestPackets.in(pool, TestPackets.ipv4("198.18.0.1", "100.64.0.2", 48));
    }

    private static void swapAddresses(PacketBuffer packet) {
        int source = packet.getInt(12);
        packet.putInt(12, packet.getInt(16));
        packet.putInt(16, source);
    }

    private long dropped(String component, String reason) {
        return value("quetzal_packets_dropped_total", Map.of("component", component, "reason", reason));
    }

    private long value(String name, Map<String, String> labels) {
        return metrics.samples().stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels))
                .value();
    }
}
