package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.packet.PacketBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7766 §8 / RFC 1035 §4.2.2: answers over TCP, framed with a two-octet length, teach routes like
 * answers over UDP; the segments themselves always pass unchanged.
 */
final class TcpAnswersTest {
    private static final String CLIENT = "198.18.1.2";
    private static final String DNS = "198.19.0.53";
    private static final int ISN = 0x7FFF_FFF0; // close to the wrap of a signed int: sequence arithmetic must hold
    private final FakeGateway gateway = new FakeGateway();
    private SplitDnsFilter filter;

    @BeforeEach
    void start() {
        filter = new SplitDnsFilter(new SplitDnsConfig(List.of("corp.example"), null, null, null, Duration.ofSeconds(60),
                Duration.ofMinutes(10), null, null), gateway);
        filter.start();
    }

    @AfterEach
    void close() {
        filter.close();
    }

    private static byte[] answer(int id, String name, String address) {
        return DnsBytes.response(id, 1, 1).question(name, address.contains(":") ? 28 : 1)
                .address(name, 300, address).toBytes();
    }

    /** Sends one segment from the server's port 53 and checks that it passes byte for byte. */
    private void segment(int clientPort, int sequence, int flags, byte[] payload) {
        segment(DNS, 53, CLIENT, clientPort, sequence, flags, payload);
    }

    private void segment(String source, int sourcePort, String destination, int clientPort, int sequence, int flags,
            byte[] payload) {
        PacketBuffer packet = Segments.tcp(source, sourcePort, destination, clientPort, sequence, flags, payload);
        byte[] before = packet.toByteArray();
        assertSame(Verdict.PASS, filter.inbound(packet));
        assertArrayEquals(before, packet.toByteArray(), "the segment passes unchanged");
    }

    private List<String> routes() {
        return gateway.sources.getOrDefault("split-dns:corp.example", List.of()).stream()
                .map(r -> r.prefix().toString()).toList();
    }

    @Test
    @DisplayName("RFC 7766 §8, RFC 1035 §4.2.2: one whole answer in one segment after the SYN-ACK is learned")
    void oneAnswerInOneSegment() {
        segment(40001, ISN, Segments.SYN | Segments.ACK, new byte[0]);
        segment(40001, ISN + 1, Segments.ACK | Segments.PSH, Segments.framed(answer(1, "big.corp.example", "198.18.7.1")));
        assertEquals(List.of("198.18.7.1/32"), routes());
        assertEquals(1, gateway.count("quetzal_split_dns_tcp_messages_total"));
        assertEquals(1, gateway.count("quetzal_split_dns_learned_total"));
    }

    @Test
    @DisplayName("RFC 7766 §8: an answer over IPv6 with no SYN-ACK seen is read from its first data byte")
    void ipv6WithoutHandshake() {
        segment("2001:db8:53::53", 53, "2001:db8:1::2", 40002, 12345, Segments.ACK,
                Segments.framed(answer(2, "v6.corp.example", "2001:db8:77::1")));
        assertEquals(List.of("2001:db8:77::1/128"), routes());
    }

    @Test
    @DisplayName("RFC 7766 §6.2.1.1: two framed messages in one segment are both read")
    void twoMessagesInOneSegment() {
        segment(40003, ISN, Segments.ACK, Segments.framed(answer(3, "a.corp.example", "198.18.7.3"),
                answer(4, "b.corp.example", "198.18.7.4")));
        assertEquals(List.of("198.18.7.3/32", "198.18.7.4/32"), routes());
        assertEquals(2, gateway.count("quetzal_split_dns_tcp_messages_total"));
    }

    @Test
    @DisplayName("RFC 1035 §4.2.2: a message split over segments, even inside its length field, is learned once complete")
    void messageSplitOverSegments() {
        byte[] stream = Segments.framed(answer(5, "split.corp.example", "198.18.7.5"), answer(6, "next.corp.example", "198.18.7.6"));
        int firstEnd = stream.length / 3;
        int secondEnd = 2 + answer(5, "split.corp.example", "198.18.7.5").length + 1; // one byte into the 2nd length
        segment(40004, ISN, Segments.ACK, Arrays.copyOfRange(stream, 0, firstEnd));
        assertEquals(List.of(), routes(), "nothing before the message is complete");
        segment(40004, ISN + firstEnd, Segments.ACK, Arrays.copyOfRange(stream, firstEnd, secondEnd));
        assertEquals(List.of("198.18.7.5/32"), routes());
        segment(40004, ISN + secondEnd, Segments.ACK | Segments.FIN, Arrays.copyOfRange(stream, secondEnd, stream.length));
        assertEquals(List.of("198.18.7.5/32", "198.18.7.6/32"), routes());
        assertEquals(0, gateway.count("quetzal_split_dns_malformed_total"));
        assertEquals(0, gateway.count("quetzal_split_dns_tcp_dropped_total"));
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.4: retransmitted and overlapping segments are read once, the stream stays whole")
    void retransmission() {
        byte[] stream = Segments.framed(answer(7, "r1.corp.example", "198.18.7.7"), answer(8, "r2.corp.example", "198.18.7.8"));
        int cut = 10;
        int second = 2 + answer(7, "r1.corp.example", "198.18.7.7").length;
        segment(40005, ISN, Segments.ACK, Arrays.copyOfRange(stream, 0, cut));
        segment(40005, ISN, Segments.ACK, Arrays.copyOfRange(stream, 0, cut)); // whole retransmission
        // Overlap: resent from the start up to one byte into the second message's length.
        segment(40005, ISN, Segments.ACK, Arrays.copyOfRange(stream, 0, second + 1));
        assertEquals(List.of("198.18.7.7/32"), routes());
        segment(40005, ISN + second + 1, Segments.ACK, Arrays.copyOfRange(stream, second + 1, stream.length));
        segment(40005, ISN + second + 1, Segments.ACK, Arrays.copyOfRange(stream, second + 1, stream.length));
        assertEquals(List.of("198.18.7.7/32", "198.18.7.8/32"), routes());
        assertEquals(2, gateway.count("quetzal_split_dns_tcp_messages_total"), "each message read once");
        assertEquals(0, gateway.count("quetzal_split_dns_malformed_total"));
    }

    @Test
    @DisplayName("RFC 9293 §3.4: after a gap the framing is lost: counted, and the rest of the flow is not misread")
    void gap() {
        byte[] first = answer(9, "g1.corp.example", "198.18.7.9");
        byte[] stream = Segments.framed(first, answer(10, "g2.corp.example", "198.18.7.10"));
        segment(40006, ISN, Segments.ACK, Arrays.copyOfRange(stream, 0, 5));
        // The segment from 5 to 20 is lost; this one starts at byte 20.
        segment(40006, ISN + 20, Segments.ACK, Arrays.copyOfRange(stream, 20, stream.length));
        segment(40006, ISN + stream.length, Segments.ACK, Segments.framed(answer(11, "g3.corp.example", "198.18.7.11")));
        assertEquals(List.of(), routes());
        assertEquals(1, gateway.count("quetzal_split_dns_tcp_dropped_total"));
        assertEquals(0, gateway.count("quetzal_split_dns_malformed_total"));
        // A new connection on the same 4-tuple (a new SYN) is read again.
        segment(40006, 1000, Segments.SYN | Segments.ACK, new byte[0]);
        segment(40006, 1001, Segments.ACK, Segments.framed(answer(12, "g4.corp.example", "198.18.7.12")));
        assertEquals(List.of("198.18.7.12/32"), routes());
    }

    @Test
    @DisplayName("RFC 1035 §4.2.2: a malformed message is counted; a length beyond the stream's end is dropped at FIN, never thrown")
    void malformedLength() {
        byte[] garbage = {1, 2, 3, 4, 5};
        segment(40007, ISN, Segments.ACK, Segments.framed(garbage));
        assertEquals(1, gateway.count("quetzal_split_dns_malformed_total"));
        byte[] zero = {0, 0};
        segment(40008, ISN, Segments.ACK, zero);
        assertEquals(2, gateway.count("quetzal_split_dns_malformed_total"), "a zero-length message is not DNS");
        byte[] promise = {(byte) 0xFF, (byte) 0xFF, 0, 1, (byte) 0x81, (byte) 0x80};
        segment(40009, ISN, Segments.ACK | Segments.FIN, promise);
        assertEquals(1, gateway.count("quetzal_split_dns_tcp_dropped_total"));
        segment(40010, ISN, Segments.ACK, promise);
        segment(40010, ISN + promise.length, Segments.RST, new byte[0]);
        assertEquals(2, gateway.count("quetzal_split_dns_tcp_dropped_total"));
        assertEquals(List.of(), routes());
    }

    @Test
    @DisplayName("RFC 7766 §8: only TCP from port 53 is DNS; queries from the client are not learned from")
    void notPort53() {
        byte[] stream = Segments.framed(answer(13, "web.corp.example", "198.18.7.13"));
        segment(DNS, 853, CLIENT, 40011, ISN, Segments.ACK, stream);
        segment(DNS, 80, CLIENT, 40011, ISN, Segments.ACK, stream);
        assertEquals(List.of(), routes());
        assertEquals(0, gateway.count("quetzal_split_dns_tcp_messages_total"));
        byte[] query = Segments.framed(DnsBytes.query(14, "web.corp.example", 1).toBytes());
        segment(DNS, 53, CLIENT, 40012, ISN, Segments.ACK, query);
        assertEquals(List.of(), routes(), "a query carries no answers");
        assertEquals(1, gateway.count("quetzal_split_dns_tcp_messages_total"));
    }

    @Test
    @DisplayName("RFC 7766 §6.2.3: flows are bounded (64, the idlest evicted) and idle ones expire; partial messages dropped are counted")
    void boundedFlows() {
        byte[] partial = Arrays.copyOfRange(Segments.framed(answer(15, "p.corp.example", "198.18.7.15")), 0, 8);
        for (int port = 0; port < SplitDnsFilter.MAX_TCP_FLOWS; port++) {
            segment(41000 + port, ISN, Segments.ACK, partial);
            gateway.advance(Duration.ofMillis(10));
        }
        assertEquals(0, gateway.count("quetzal_split_dns_tcp_dropped_total"));
        assertEquals(SplitDnsFilter.MAX_TCP_FLOWS, filter.status().get("tcpFlows"));
        segment(42000, ISN, Segments.ACK, partial);
        assertEquals(1, gateway.count("quetzal_split_dns_tcp_dropped_total"), "the first flow made room");
        byte[] whole = Segments.framed(answer(15, "p.corp.example", "198.18.7.15"));
        segment(41001, ISN + 8, Segments.ACK, Arrays.copyOfRange(whole, 8, whole.length));
        assertEquals(List.of("198.18.7.15/32"), routes(), "the second flow was kept and completes");
        gateway.advance(SplitDnsFilter.TCP_IDLE.plusSeconds(2));
        // 64 flows remain: 41001 (complete now), 41002..41063 and 42000, which hold 63 partial messages.
        assertEquals(1 + 63, gateway.count("quetzal_split_dns_tcp_dropped_total"));
        assertEquals(0, filter.status().get("tcpFlows"));
    }
}
