package dev.quetzal.runtime.napt;

import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A4;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A6;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER4;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER6;
import static dev.quetzal.runtime.napt.NaptFixture.UPLINK4;
import static dev.quetzal.runtime.napt.NaptFixture.UPLINK6;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP4;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP6;
import static dev.quetzal.runtime.napt.NaptPackets.SYN;
import static dev.quetzal.runtime.napt.NaptPackets.TCP;
import static dev.quetzal.runtime.napt.NaptPackets.UDP;
import static dev.quetzal.runtime.napt.NaptPackets.icmpError;
import static dev.quetzal.runtime.napt.NaptPackets.ip;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Packets cut short or corrupted anywhere after a valid IP header (which the router checks first)
 * are translated or dropped with a reason, never thrown on; IPv6 extension headers (RFC 8200 §4)
 * are walked to the transport header.
 */
@DisplayName("NAPT on malformed input and IPv6 extension headers (RFC 8200 §4, §4.5)")
final class NaptMalformedInputTest {
    @Test
    @DisplayName("every truncation and 2,000 random corruptions of valid packets: no exception either way")
    void truncatedAndCorruptedPacketsNeverThrow() {
        NaptFixture fixture = new NaptFixture();
        byte[] udp4 = ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(1000, 53, 8));
        int external = fixture.out(udp4).getUnsignedShort(20);
        byte[] embedded = ip(UPLINK4, SERVER4, UDP, NaptPackets.udp(external, 53, 8));
        byte[] udp6 = ip(CLIENT_A6, SERVER6, UDP, NaptPackets.udp(1000, 53, 8));
        int external6 = fixture.out(udp6).getUnsignedShort(40);
        byte[] embedded6 = ip(UPLINK6, SERVER6, UDP, NaptPackets.udp(external6, 53, 8));
        List<byte[]> samples = new ArrayList<>(List.of(
                udp4, ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(1001, 80, SYN)),
                ip(SERVER4, UPLINK4, ICMP4, icmpError(3, 3, embedded, embedded.length)),
                ip(CLIENT_A4, SERVER4, ICMP4, icmpError(3, 3, embedded, embedded.length)),
                ip(SERVER6, UPLINK6, ICMP6, icmpError(1, 4, embedded6, embedded6.length)),
                ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, external, 8)), udp6));
        Random random = new Random(8200);
        for (byte[] sample : samples) {
            int header = (sample[0] & 0xF0) == 0x40 ? 20 : 40;
            for (int length = header; length <= sample.length; length++) {
                byte[] cut = withLength(Arrays.copyOf(sample, length));
                assertDoesNotThrow(() -> fixture.napt.outbound(NaptPackets.buffer(cut)));
                assertDoesNotThrow(() -> fixture.napt.inbound(NaptPackets.buffer(cut)));
            }
            for (int round = 0; round < 2000 / samples.size(); round++) {
                byte[] bent = sample.clone();
                for (int flips = 0; flips < 3; flips++) {
                    bent[header + random.nextInt(sample.length - header)] = (byte) random.nextInt(256);
                }
                assertDoesNotThrow(() -> fixture.napt.outbound(NaptPackets.buffer(bent)));
                assertDoesNotThrow(() -> fixture.napt.inbound(NaptPackets.buffer(bent)));
            }
        }
    }

    @Test
    @DisplayName("IPv6 with a destination options header and a first fragment header is translated; later fragments dropped")
    void ipv6ExtensionHeaders() {
        NaptFixture fixture = new NaptFixture();
        byte[] udp = NaptPackets.udp(4000, 53, 8);
        byte[] options = {44, 0, 1, 4, 0, 0, 0, 0}; // next: fragment; PadN
        byte[] firstFragment = {UDP, 0, 0, 1, 0, 0, 0, 7}; // offset 0, M=1
        PacketBuffer first = fixture.out(withExtensions(ip(CLIENT_A6, SERVER6, UDP, udp), 60, options, firstFragment));

        assertEquals(UPLINK6, NaptFixture.source(first));
        assertEquals(4000, first.getUnsignedShort(56));

        byte[] laterFragment = {UDP, 0, 0, 8, 0, 0, 0, 7}; // offset 1 (8 bytes)
        assertNull(fixture.out(withExtensions(ip(CLIENT_A6, SERVER6, UDP, udp), 44, laterFragment)));
        assertEquals(1, fixture.drops("napt-fragment"));
    }

    /** The packet with its IP length fields set to what it holds. */
    private static byte[] withLength(byte[] packet) {
        PacketBuffer buffer = PacketBuffer.copyOf(packet, 0, 0);
        if ((packet[0] & 0xF0) == 0x40) {
            buffer.putShort(Ipv4Header.TOTAL_LENGTH_OFFSET, packet.length);
        } else {
            buffer.putShort(Ipv6Header.PAYLOAD_LENGTH_OFFSET, packet.length - 40);
        }
        return buffer.toByteArray();
    }

    /** An IPv6 packet with {@code headers} inserted after the fixed header, the first named by {@code next}. */
    private static byte[] withExtensions(byte[] packet, int next, byte[]... headers) {
        int extra = Arrays.stream(headers).mapToInt(h -> h.length).sum();
        byte[] result = new byte[packet.length + extra];
        System.arraycopy(packet, 0, result, 0, 40);
        int at = 40;
        for (byte[] header : headers) {
            System.arraycopy(header, 0, result, at, header.length);
            at += header.length;
        }
        System.arraycopy(packet, 40, result, at, packet.length - 40);
        result[6] = (byte) next;
        return withLength(result);
    }
}
