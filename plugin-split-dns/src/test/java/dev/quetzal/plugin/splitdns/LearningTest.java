package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, "keeping them current": addresses in DNS answers (RFC 1035 §4.1.3) under a tunnel domain
 * become routes at once and leave after max(TTL, floor) + grace.
 */
final class LearningTest {
    private static final String CLIENT = "198.18.1.2";
    private static final String DNS = "198.19.0.53";
    private final FakeGateway gateway = new FakeGateway();
    private SplitDnsFilter filter;

    private SplitDnsFilter start(SplitDnsConfig config) {
        filter = new SplitDnsFilter(config, gateway);
        filter.start();
        return filter;
    }

    private static SplitDnsConfig config(List<String> tunnelDomains, Integer maxLearned) {
        return new SplitDnsConfig(tunnelDomains, null, null, null, Duration.ofSeconds(60), Duration.ofMinutes(10),
                null, maxLearned);
    }

    @AfterEach
    void close() {
        if (filter != null) {
            filter.close();
        }
    }

    private Verdict answer(byte[] dns) {
        return filter.inbound(Datagrams.udp(DNS, 53, CLIENT, 40000, dns));
    }

    private List<String> routes(String source) {
        return gateway.sources.getOrDefault(source, List.of()).stream().map(r -> r.prefix().toString()).toList();
    }

    @Test
    @DisplayName("issue 6: an A record under a tunnel domain is published at once; below the floor it lives floor + grace")
    void ttlFloorAndGrace() {
        start(config(List.of("corp.example"), null));
        byte[] dns = DnsBytes.response(1, 1, 2).question("app.corp.example", 1)
                .address("app.corp.example", 5, "198.18.7.1").address("app.corp.example", 5, "198.18.7.2").toBytes();
        assertSame(Verdict.PASS, answer(dns));
        assertEquals(List.of("198.18.7.1/32", "198.18.7.2/32"), routes("split-dns:corp.example"));
        assertEquals(1, gateway.publishCounts.get("split-dns:corp.example"), "one publish per changed source");
        assertEquals(2, gateway.count("quetzal_split_dns_learned_total"));
        // 5 s TTL floored to 60 s, plus 600 s grace: still there just before 660 s, gone after.
        gateway.advance(Duration.ofSeconds(659));
        assertEquals(2, routes("split-dns:corp.example").size());
        gateway.advance(Duration.ofSeconds(2));
        assertEquals(List.of(), routes("split-dns:corp.example"));
        assertEquals(2, gateway.count("quetzal_split_dns_expired_total"));
    }

    @Test
    @DisplayName("issue 6: a TTL above the floor counts in full, and seeing the address again extends it")
    void longTtlAndExtension() {
        start(config(List.of("corp.example"), null));
        answer(DnsBytes.response(1, 0, 1).address("db.corp.example", 300, "198.18.7.9").toBytes());
        gateway.advance(Duration.ofSeconds(800));
        answer(DnsBytes.response(2, 0, 1).address("db.corp.example", 300, "198.18.7.9").toBytes());
        assertEquals(1, gateway.publishCounts.get("split-dns:corp.example"), "an extension publishes nothing");
        gateway.advance(Duration.ofSeconds(899));
        assertEquals(List.of("198.18.7.9/32"), routes("split-dns:corp.example"));
        gateway.advance(Duration.ofSeconds(2));
        assertEquals(List.of(), routes("split-dns:corp.example"));
    }

    @Test
    @DisplayName("RFC 1034 §3.6.2: addresses at the end of a CNAME chain from a tunnel name are learned under that domain")
    void cnameChains() {
        start(config(List.of("corp.example", "eng.corp.example"), null));
        byte[] dns = DnsBytes.response(3, 1, 3).question("wiki.eng.corp.example", 1)
                .cname("wiki.eng.corp.example", 300, "wiki.cdn.example")
                .cname("wiki.cdn.example", 30, "edge.cdn.example")
                .address("edge.cdn.example", 120, "198.18.9.9")
                .toBytes();
        answer(dns);
        assertEquals(List.of("198.18.9.9/32"), routes("split-dns:eng.corp.example"), "the longest tunnel domain owns it");
        assertEquals(List.of(), routes("split-dns:corp.example"));
        // The chain's smallest TTL (30 s) is floored to 60 s.
        gateway.advance(Duration.ofSeconds(661));
        assertEquals(List.of(), routes("split-dns:eng.corp.example"));
    }

    @Test
    @DisplayName("issue 6: names outside the tunnel domains teach nothing, not even through a CNAME into one")
    void outsideNamesAreIgnored() {
        start(config(List.of("corp.example"), null));
        answer(DnsBytes.response(4, 1, 2).question("www.public.example", 1)
                .address("www.public.example", 60, "198.18.50.1")
                .address("notcorp.example", 60, "198.18.50.2").toBytes());
        answer(DnsBytes.response(5, 1, 1).question("www.public.example", 28)
                .cname("www.public.example", 60, "www.public.example").toBytes());
        assertTrue(gateway.sources.keySet().stream().noneMatch(s -> s.startsWith("split-dns:corp")));
        assertEquals(0, gateway.count("quetzal_split_dns_learned_total"));
    }

    @Test
    @DisplayName("RFC 8598 §1 / issue 6: the uplink's DNS suffix counts as a tunnel domain; its DNS servers become /32 and /128 routes")
    void uplinkSuffix() {
        start(config(List.of("corp.example"), null));
        gateway.setUplink(new BackendState.Connected(new UplinkInfo(List.of(IpAddress.parse("198.19.200.2")),
                List.of(IpAddress.parse(DNS), IpAddress.parse("2001:db8:53::53")), List.of("Intra.Example."), List.of(), 1400)));
        assertEquals(List.of("198.19.0.53/32", "2001:db8:53::53/128"), routes("split-dns:dns-servers"));
        answer(DnsBytes.response(6, 1, 1).question("git.intra.example", 28)
                .address("git.intra.example", 60, "2001:db8:77::1").toBytes());
        assertEquals(List.of("2001:db8:77::1/128"), routes("split-dns:intra.example"));
    }

    @Test
    @DisplayName("issue 6: learning stops at maxLearned; expiry makes room again")
    void capacity() {
        start(config(List.of("corp.example"), 2));
        answer(DnsBytes.response(7, 0, 3).address("a.corp.example", 60, "198.18.0.1")
                .address("b.corp.example", 60, "198.18.0.2").address("c.corp.example", 60, "198.18.0.3").toBytes());
        assertEquals(List.of("198.18.0.1/32", "198.18.0.2/32"), routes("split-dns:corp.example"));
        assertEquals(2, gateway.count("quetzal_split_dns_learned_total"));
        gateway.advance(Duration.ofSeconds(661));
        answer(DnsBytes.response(8, 0, 1).address("c.corp.example", 60, "198.18.0.3").toBytes());
        assertEquals(List.of("198.18.0.3/32"), routes("split-dns:corp.example"));
    }

    @Test
    @DisplayName("RFC 1035 §4.1: malformed DNS from port 53 is counted and passed on unchanged")
    void malformedIsCountedAndPassed() {
        start(config(List.of("corp.example"), null));
        byte[] broken = DnsBytes.response(9, 1, 0).pointer(12).u16(1).u16(1).toBytes();
        PacketBuffer packet = Datagrams.udp(DNS, 53, CLIENT, 40000, broken);
        byte[] before = packet.toByteArray();
        assertSame(Verdict.PASS, filter.inbound(packet));
        assertArrayEquals(before, packet.toByteArray());
        assertEquals(1, gateway.count("quetzal_split_dns_malformed_total"));
        // Not UDP from port 53: not DNS, not counted.
        filter.inbound(Datagrams.udp(DNS, 54, CLIENT, 40000, broken));
        assertEquals(1, gateway.count("quetzal_split_dns_malformed_total"));
    }

    @Test
    @DisplayName("issue 6: the status shows learned addresses per domain with their expiry; close withdraws every source")
    void statusAndClose() {
        start(new SplitDnsConfig(List.of("corp.example"), List.of(IpPrefix.parse("198.18.0.0/24")),
                List.of(IpPrefix.parse("198.18.0.128/25")), List.of("corp.example", "other.example"), null, null, null, null));
        assertEquals(Map.of("split-dns", List.of("corp.example", "other.example")), gateway.dnsDomainSources);
        assertEquals(List.of(Route.include(IpPrefix.parse("198.18.0.0/24"), "split-dns:static"),
                Route.exclude(IpPrefix.parse("198.18.0.128/25"), "split-dns:static")), gateway.sources.get("split-dns:static"));
        answer(DnsBytes.response(10, 0, 1).address("corp.example", 60, "198.18.3.3").toBytes());
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> learned = (Map<String, List<Map<String, Object>>>) filter.status().get("learned");
        assertEquals("198.18.3.3", learned.get("corp.example").getFirst().get("address"));
        assertEquals(gateway.time().now().plusSeconds(660).toString(), learned.get("corp.example").getFirst().get("expires"));
        filter.close();
        assertEquals(Map.of(), gateway.sources);
        assertEquals(Map.of(), gateway.dnsDomainSources);
        assertEquals(0, gateway.periodicTasks());
        filter = null;
    }

    @Test
    @DisplayName("issue 6: with nothing configured the filter publishes nothing: full tunnel")
    void nothingConfigured() {
        start(config(List.of(), null));
        gateway.setUplink(new BackendState.Connected(new UplinkInfo(List.of(IpAddress.parse("198.19.200.2")),
                List.of(IpAddress.parse(DNS)), List.of("intra.example"), List.of(), 1400)));
        answer(DnsBytes.response(11, 0, 1).address("x.intra.example", 60, "198.18.3.3").toBytes());
        assertEquals(Map.of(), gateway.sources);
        assertEquals(Map.of(), gateway.dnsDomainSources);
        assertTrue(gateway.injectedOutbound.isEmpty());
    }
}
