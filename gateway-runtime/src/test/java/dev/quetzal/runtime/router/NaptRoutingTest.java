package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.config.NaptSettings;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.napt.NaptTranslator;
import dev.quetzal.runtime.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Where NAPT sits in the router: after the last filter towards the backend and before the first
 * filter from it, so filters always see clients' own addresses and the backend only the uplink's.
 */
@DisplayName("router with NAPT: filters see client addresses, the backend the uplink address (issue 7 item 1)")
final class NaptRoutingTest {
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketRouter router = new DefaultPacketRouter(metrics);
    private final RecordingBackend backend = new RecordingBackend();
    private final RecordingSession alice = new RecordingSession("alice", "100.64.0.2");
    private final RecordingSession bob = new RecordingSession("bob", "100.64.0.3");
    private final List<String> seen = new ArrayList<>();

    private final PacketFilter watcher = new PacketFilter() {
        @Override
        public Verdict outbound(PacketBuffer packet, ClientSession client) {
            seen.add("out from " + new Ipv4Address(Ipv4Header.source(packet)));
            return Verdict.PASS;
        }

        @Override
        public Verdict inbound(PacketBuffer packet) {
            seen.add("in to " + new Ipv4Address(Ipv4Header.destination(packet)));
            return Verdict.PASS;
        }
    };

    @Test
    @DisplayName("two clients on one port reach the backend as the uplink address and get their own answers")
    void twoClientsThroughTheRouter() {
        NaptTranslator napt = new NaptTranslator(NaptSettings.defaults().withEnabled(true),
                new ManualClock(Instant.EPOCH), metrics.forComponent("napt"));
        napt.setUplinkAddresses(List.of(IpAddress.parse("198.18.0.7")));
        router.bind(List.of(new NamedFilter("watcher", watcher)), backend, napt);
        router.attach(alice);
        router.attach(bob);

        router.fromClient(alice, PacketBuffer.copyOf(udp("100.64.0.2", "198.19.0.10", 5353, 53), 64, 0));
        router.fromClient(bob, PacketBuffer.copyOf(udp("100.64.0.3", "198.19.0.10", 5353, 53), 64, 0));

        assertEquals(List.of("out from 100.64.0.2", "out from 100.64.0.3"), seen);
        assertEquals(2, backend.sent.size());
        for (PacketBuffer sent : backend.sent) {
            assertEquals(IpAddress.parse("198.18.0.7"), new Ipv4Address(Ipv4Header.source(sent)));
            int port = sent.getUnsignedShort(20);
            router.fromNetwork(PacketBuffer.copyOf(udp("198.19.0.10", "198.18.0.7", 53, port), 64, 0));
        }
        assertEquals(1, alice.delivered.size());
        assertEquals(1, bob.delivered.size());
        assertEquals(5353, alice.delivered.getFirst().getUnsignedShort(22));
        assertEquals(5353, bob.delivered.getFirst().getUnsignedShort(22));
        assertTrue(seen.containsAll(List.of("in to 100.64.0.2", "in to 100.64.0.3")), seen.toString());
    }

    @Test
    @DisplayName("without NAPT the router passes client addresses to the backend unchanged")
    void offLeavesPacketsAlone() {
        router.bind(List.of(new NamedFilter("watcher", watcher)), backend);
        router.attach(alice);
        byte[] bytes = udp("100.64.0.2", "198.19.0.10", 5353, 53);

        router.fromClient(alice, PacketBuffer.copyOf(bytes, 64, 0));

        assertEquals(List.of(bytes.length), List.of(backend.sent.getFirst().length()));
        assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(backend.sent.getFirst().toByteArray()));
    }

    private static byte[] udp(String source, String destination, int sourcePort, int destinationPort) {
        byte[] packet = TestPackets.ipv4(source, destination, 36);
        packet[20] = (byte) (sourcePort >>> 8);
        packet[21] = (byte) sourcePort;
        packet[22] = (byte) (destinationPort >>> 8);
        packet[23] = (byte) destinationPort;
        packet[25] = 16;
        return packet;
    }
}
