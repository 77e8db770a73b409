package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Header validation on entry to the router, against RFC 791 §3.1 (IPv4: version 4, IHL of at least 5
 * words within the total length, total length within the datagram) and RFC 8200 §3 (IPv6: version
 * 6, a 40-byte fixed header, payload length within the datagram): every truncation, a wrong version
 * and lengths past the end are counted as {@code malformed} and released, never thrown, and no
 * filter sees them.
 */
final class MalformedPacketTest {
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketRouter router = new DefaultPacketRouter(metrics);
    private final DefaultPacketBufferPool pool = new DefaultPacketBufferPool(4, 64, 2048, metrics.global());
    private final RecordingBackend backend = new RecordingBackend();
    private final RecordingSession alice = new RecordingSession("alice", "100.64.0.2", "fd00::2");
    private final List<String> log = new ArrayList<>();

    MalformedPacketTest() {
        router.bind(List.of(ScriptedFilter.passing("a", log).named()), backend);
        router.attach(alice);
    }

    @Test
    void everyTruncatedIpv4HeaderIsDroppedInBothDirections() {
        byte[] whole = TestPackets.ipv4("100.64.0.2", "100.64.0.2", 20);
        for (int length = 0; length < 20; length++) {
            byte[] truncated = Arrays.copyOf(whole, length);
            router.fromClient(alice, TestPackets.in(pool, truncated));
            router.fromNetwork(TestPackets.in(pool, truncated));
        }

        assertDroppedAsMalformed(40);
    }

    @Test
    void everyTruncatedIpv6HeaderIsDroppedInBothDirections() {
        byte[] whole = TestPackets.ipv6("fd00::2", "fd00::2", 0);
        for (int length = 0; length < 40; length++) {
            byte[] truncated = Arrays.copyOf(whole, length);
            router.fromClient(alice, TestPackets.in(pool, truncated));
            router.fromNetwork(TestPackets.in(pool, truncated));
        }

        assertDroppedAsMalformed(80);
    }

    @Test
    void ipv4PacketCutShortOfItsTotalLengthIsDropped() {
        byte[] whole = TestPackets.ipv4("100.64.0.2", "100.64.0.2", 100);
        for (int length = 20; length < 100; length++) {
            router.fromNetwork(TestPackets.in(pool, Arrays.copyOf(whole, length)));
        }

        assertDroppedAsMalformed(80);
    }

    @Test
    void ipv6PacketCutShortOfItsPayloadLengthIsDropped() {
        byte[] whole = TestPackets.ipv6("fd00::2", "fd00::2", 60);
        for (int length = 40; length < 100; length++) {
            router.fromNetwork(TestPackets.in(pool, Arrays.copyOf(whole, length)));
        }

        assertDroppedAsMalformed(60);
    }

    @Test
    void wrongVersionsAreDropped() {
        byte[] v4 = TestPackets.ipv4("100.64.0.2", "100.64.0.2", 60);
        byte[] v6 = TestPackets.ipv6("fd00::2", "fd00::2", 20);
        int dropped = 0;
        for (int version : new int[] {0, 1, 5, 7, 15}) {
            byte[] bad4 = v4.clone();
            bad4[0] = (byte) ((version << 4) | 5);
            byte[] bad6 = v6.clone();
            bad6[0] = (byte) (version << 4);
            router.fromClient(alice, TestPackets.in(pool, bad4));
            router.fromNetwork(TestPackets.in(pool, bad6));
            dropped += 2;
        }
        // An IPv4 header relabelled as version 6: its identification, read as the payload length, runs past the end.
        byte[] swapped = v4.clone();
        swapped[0] = 0x65;
        swapped[4] = 0x01;
        router.fromClient(alice, TestPackets.in(pool, swapped));

        assertDroppedAsMalformed(dropped + 1);
    }

    @Test
    void ipv4HeaderLengthOutsideTheTotalLengthIsDropped() {
        byte[] packet = TestPackets.ipv4("100.64.0.2", "100.64.0.2", 40);
        for (int ihl : new int[] {0, 1, 4, 11, 15}) {
            byte[] bad = packet.clone();
            bad[0] = (byte) (0x40 | ihl);
            router.fromNetwork(TestPackets.in(pool, bad));
        }
        byte[] shortTotal = packet.clone();
        shortTotal[2] = 0;
        shortTotal[3] = 19;
        router.fromNetwork(TestPackets.in(pool, shortTotal));

        assertDroppedAsMalformed(6);
    }

    @Test
    void trailingLinkPaddingIsAccepted() {
        byte[] packet = Arrays.copyOf(TestPackets.ipv4("100.64.0.2", "198.18.0.1", 28), 46);

        router.fromClient(alice, TestPackets.in(pool, packet));

        assertEquals(1, backend.sent.size());
        assertEquals(0, malformed());
    }

    private void assertDroppedAsMalformed(int count) {
        assertEquals(count, malformed());
        assertEquals(List.of(), log);
        assertEquals(List.of(), backend.sent);
        assertEquals(List.<PacketBuffer>of(), alice.delivered);
        assertEquals(4, pool.available());
    }

    private long malformed() {
        return metrics.samples().stream()
                .filter(s -> s.name().equals("quetzal_packets_dropped_total")
                        && s.labels().equals(Map.of("component", "router", "reason", "malformed")))
                .findFirst()
                .orElseThrow()
                .value();
    }
}
