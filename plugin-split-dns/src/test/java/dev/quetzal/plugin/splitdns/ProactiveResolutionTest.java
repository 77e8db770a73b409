package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: each tunnel domain's own name is resolved through the tunnel's DNS server and again when
 * its TTL runs out, so a changed record moves the routes although no client asks. A fake uplink DNS
 * server answers the queries the filter injects (RFC 1035 §4.1, IDs matched per RFC 5452 §9.2).
 */
final class ProactiveResolutionTest {
    private static final String UPLINK = "198.19.200.2";
    private static final String SERVER = "198.19.0.53";
    private final FakeGateway gateway = new FakeGateway();
    /** The zone the fake server answers from: name and type to addresses. */
    private final Map<String, List<String>> zone = new TreeMap<>();
    private SplitDnsFilter filter;

    @BeforeEach
    void start() {
        filter = new SplitDnsFilter(new SplitDnsConfig(List.of("corp.example"), null, null, null,
                Duration.ofSeconds(60), Duration.ofSeconds(30), null, null), gateway);
        filter.start();
    }

    @AfterEach
    void close() {
        filter.close();
    }

    private void connect() {
        gateway.setUplink(new BackendState.Connected(new UplinkInfo(
                List.of(IpAddress.parse("2001:db8:200::2"), IpAddress.parse(UPLINK)),
                List.of(IpAddress.parse(SERVER)), List.of(), List.of(), 1400)));
    }

    /** The queries injected since the last call. */
    private List<PacketBuffer> takeQueries() {
        List<PacketBuffer> queries = new ArrayList<>(gateway.injectedOutbound);
        gateway.injectedOutbound.clear();
        return queries;
    }

    /** The fake server's answer to one injected query, from port 53 back to the query's source. */
    private PacketBuffer serve(PacketBuffer query, long ttl) {
        DnsMessage q = Datagrams.dns(query);
        DnsMessage.Question question = q.questions().getFirst();
        List<String> addresses = zone.getOrDefault(question.name() + "/" + question.type(), List.of());
        DnsBytes answer = DnsBytes.response(q.id(), 1, addresses.size()).question(question.name(), question.type());
        for (String address : addresses) {
            answer.pointer(12).addressData(ttl, address);
        }
        return Datagrams.udp(SERVER, 53, UPLINK, Datagrams.sourcePort(query), answer.toBytes());
    }

    private List<String> learned() {
        return gateway.sources.getOrDefault("split-dns:corp.example", List.of()).stream()
                .map(r -> r.prefix().toString()).toList();
    }

    @Test
    @DisplayName("issue 6: on connect, A and AAAA queries go from the uplink's address of the server's family to its port 53")
    void queriesOnConnect() {
        assertTrue(takeQueries().isEmpty(), "nothing is sent before the uplink is up");
        connect();
        List<PacketBuffer> queries = takeQueries();
        assertEquals(2, queries.size());
        assertEquals(List.of(1, 28), queries.stream().map(p -> Datagrams.dns(p).questions().getFirst().type()).toList());
        for (PacketBuffer query : queries) {
            assertEquals(IpAddress.parse(UPLINK), UdpPackets.sourceAddress(query));
            assertEquals(IpAddress.parse(SERVER), UdpPackets.destinationAddress(query));
            assertEquals(53, Datagrams.destinationPort(query));
            assertTrue(Datagrams.sourcePort(query) >= 49152);
            assertEquals("corp.example", Datagrams.dns(query).questions().getFirst().name());
            assertEquals(0x0100, Datagrams.dns(query).flags(), "a recursive query");
        }
        assertNotEquals(Datagrams.dns(queries.get(0)).id(), Datagrams.dns(queries.get(1)).id());
        assertEquals(2, gateway.count("quetzal_split_dns_proactive_queries_total"));
    }

    @Test
    @DisplayName("issue 6: answers are consumed and learned; when the record changes the new address comes at the next query, the old leaves after TTL and grace")
    void followsARecordChange() {
        zone.put("corp.example/1", List.of("198.18.10.1"));
        connect();
        for (PacketBuffer query : takeQueries()) {
            PacketBuffer answer = serve(query, 120);
            assertSame(Verdict.CONSUMED, filter.inbound(answer));
        }
        assertEquals(List.of("198.18.10.1/32"), learned());
        assertEquals(2, gateway.count("quetzal_split_dns_proactive_answers_total"));

        zone.put("corp.example/1", List.of("198.18.10.2"));
        // The AAAA answer was empty, so it is asked again after the floor (60 s); A after its TTL (120 s).
        gateway.advance(Duration.ofSeconds(60));
        List<PacketBuffer> early = takeQueries();
        assertEquals(List.of(28), early.stream().map(p -> Datagrams.dns(p).questions().getFirst().type()).toList());
        early.forEach(q -> filter.inbound(serve(q, 120)));
        gateway.advance(Duration.ofSeconds(60));
        List<PacketBuffer> refresh = takeQueries();
        // A after its 120 s TTL; the still empty AAAA again after the 60 s floor.
        assertEquals(List.of(1, 28), refresh.stream().map(p -> Datagrams.dns(p).questions().getFirst().type()).toList());
        refresh.forEach(q -> filter.inbound(serve(q, 120)));
        assertEquals(List.of("198.18.10.1/32", "198.18.10.2/32"), learned());
        // The old address was last seen at 0 s with TTL 120 s and 30 s grace.
        gateway.advance(Duration.ofSeconds(31));
        assertEquals(List.of("198.18.10.2/32"), learned());
    }

    @Test
    @DisplayName("RFC 5452 §9.2: an answer with another ID, port or server is not taken for ours")
    void mismatchedAnswersPass() {
        zone.put("corp.example/1", List.of("198.18.10.1"));
        connect();
        PacketBuffer query = takeQueries().getFirst();
        DnsMessage q = Datagrams.dns(query);
        byte[] wrongId = DnsBytes.response(q.id() ^ 1, 1, 0).question("corp.example", 1).toBytes();
        assertSame(Verdict.PASS, filter.inbound(Datagrams.udp(SERVER, 53, UPLINK, Datagrams.sourcePort(query), wrongId)));
        byte[] right = DnsBytes.response(q.id(), 1, 0).question("corp.example", 1).toBytes();
        assertSame(Verdict.PASS, filter.inbound(Datagrams.udp("198.19.0.54", 53, UPLINK, Datagrams.sourcePort(query), right)));
        assertSame(Verdict.PASS, filter.inbound(Datagrams.udp(SERVER, 53, UPLINK, Datagrams.sourcePort(query) ^ 1, right)));
        assertSame(Verdict.CONSUMED, filter.inbound(Datagrams.udp(SERVER, 53, UPLINK, Datagrams.sourcePort(query), right)));
        assertSame(Verdict.PASS, filter.inbound(Datagrams.udp(SERVER, 53, UPLINK, Datagrams.sourcePort(query), right)),
                "a second copy of an answer is not ours any more");
    }

    @Test
    @DisplayName("issue 6: unanswered queries are retried with a doubling wait, bounded at 64 s, with fresh IDs")
    void retriesWithBackoff() {
        connect();
        takeQueries();
        List<Long> gaps = new ArrayList<>();
        long last = gateway.nanoTime();
        for (int second = 0; second < 300; second++) {
            gateway.advance(Duration.ofSeconds(1));
            List<PacketBuffer> sent = takeQueries();
            if (!sent.isEmpty()) {
                assertEquals(2, sent.size());
                gaps.add((gateway.nanoTime() - last) / 1_000_000_000L);
                last = gateway.nanoTime();
            }
        }
        assertEquals(List.of(2L, 4L, 8L, 16L, 32L, 64L, 64L), gaps.subList(0, 7));
        assertEquals(2L * gaps.size(), gateway.count("quetzal_split_dns_proactive_timeouts_total"));
    }

    @Test
    @DisplayName("issue 6: querying stops when the uplink goes down and starts again when it is back")
    void stopsWhenDisconnected() {
        connect();
        PacketBuffer query = takeQueries().getFirst();
        gateway.setUplink(new BackendState.Disconnected("test"));
        gateway.advance(Duration.ofSeconds(300));
        assertTrue(takeQueries().isEmpty());
        assertSame(Verdict.PASS, filter.inbound(serve(query, 60)), "an answer after the stop is not consumed");
        connect();
        assertEquals(2, takeQueries().size());
    }

    @Test
    @DisplayName("issue 6: with an IPv6 DNS server the queries leave from the uplink's IPv6 address")
    void ipv6Server() {
        gateway.setUplink(new BackendState.Connected(new UplinkInfo(
                List.of(IpAddress.parse(UPLINK), IpAddress.parse("2001:db8:200::2")),
                List.of(IpAddress.parse("2001:db8:53::53")), List.of(), List.of(), 1400)));
        List<PacketBuffer> queries = takeQueries();
        assertEquals(2, queries.size());
        assertEquals(IpAddress.parse("2001:db8:200::2"), UdpPackets.sourceAddress(queries.getFirst()));
        assertEquals(IpAddress.parse("2001:db8:53::53"), UdpPackets.destinationAddress(queries.getFirst()));
    }
}
