package dev.quetzal.plugin.nat64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.api.packet.PacketBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The translated-flow table that tells a dual-stack client's own IPv4 from answers to NAT64 flows (RFC 7915 §4). */
final class TranslatedFlowsTest {
    private static final String CLIENT = "100.64.0.2";
    private static final String SERVER = "198.18.0.1";

    private static PacketBuffer tcp(String src, String dst, int srcPort, int dstPort, int flags) {
        byte[] segment = new byte[20];
        Packets.put16(segment, 0, srcPort);
        Packets.put16(segment, 2, dstPort);
        segment[12] = 0x50;
        return PacketBuffer.copyOf(Packets.ipv4(src, dst, 6, 64, 7, flags, segment), 0, 128);
    }

    private static PacketBuffer echo(String src, String dst, int type, int identifier) {
        return PacketBuffer.copyOf(Packets.ipv4(src, dst, 1, 64, 7, 0x4000,
                Packets.icmp(type, 0, identifier << 16 | 1, new byte[4])), 0, 128);
    }

    @Test
    @DisplayName("TCP by both ports and ICMP echo by identifier; the reverse direction of a recorded flow answers it")
    void matchesTcpAndEcho() {
        TranslatedFlows flows = new TranslatedFlows();
        flows.recordOutbound(tcp(CLIENT, SERVER, 40001, 80, 0x4000), 0);
        flows.recordOutbound(echo(CLIENT, SERVER, 8, 0x1234), 0);
        assertEquals(TranslatedFlows.TRANSLATED, flows.answers(tcp(SERVER, CLIENT, 80, 40001, 0x4000), 1));
        assertEquals(TranslatedFlows.NATIVE, flows.answers(tcp(SERVER, CLIENT, 80, 40002, 0x4000), 1));
        assertEquals(TranslatedFlows.NATIVE, flows.answers(tcp(SERVER, CLIENT, 5201, 40001, 0x4000), 1));
        assertEquals(TranslatedFlows.NATIVE, flows.answers(tcp("198.18.0.2", CLIENT, 80, 40001, 0x4000), 1));
        assertEquals(TranslatedFlows.TRANSLATED, flows.answers(echo(SERVER, CLIENT, 0, 0x1234), 1));
        assertEquals(TranslatedFlows.NATIVE, flows.answers(echo(SERVER, CLIENT, 0, 0x4321), 1));
    }

    @Test
    @DisplayName("a later fragment (no ports) and an ICMP error are not judged; an idle TCP flow ends after 2h4m"
            + " (RFC 5382 REQ-5), and use keeps it alive")
    void unknownAndExpiry() {
        TranslatedFlows flows = new TranslatedFlows();
        assertEquals(TranslatedFlows.UNKNOWN, flows.answers(tcp(SERVER, CLIENT, 80, 40001, 0x0010), 0));
        assertEquals(TranslatedFlows.UNKNOWN, flows.answers(echo(SERVER, CLIENT, 3, 0), 0));
        flows.recordOutbound(tcp(CLIENT, SERVER, 40001, 80, 0x4000), 0);
        long minute = 60_000_000_000L;
        assertEquals(TranslatedFlows.TRANSLATED, flows.answers(tcp(SERVER, CLIENT, 80, 40001, 0x4000), 100 * minute));
        assertEquals(TranslatedFlows.TRANSLATED, flows.answers(tcp(SERVER, CLIENT, 80, 40001, 0x4000), 224 * minute));
        assertEquals(TranslatedFlows.NATIVE, flows.answers(tcp(SERVER, CLIENT, 80, 40001, 0x4000), 349 * minute));
    }

    @Test
    @DisplayName("the table stays bounded: far more flows than slots, the newest still found")
    void bounded() {
        TranslatedFlows flows = new TranslatedFlows();
        int count = TranslatedFlows.CAPACITY * 2;
        for (int i = 0; i < count; i++) {
            flows.recordOutbound(tcp(CLIENT, "198.18." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF), 1024 + (i & 0xFF),
                    80, 0x4000), i);
        }
        int last = count - 1;
        assertEquals(TranslatedFlows.TRANSLATED, flows.answers(tcp("198.18." + (last >>> 16 & 0xFF) + "."
                + (last >>> 8 & 0xFF), CLIENT, 80, 1024 + (last & 0xFF), 0x4000), count));
    }
}
