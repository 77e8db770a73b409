package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 / RFC 8598 §1: client queries for split domains go into the tunnel; queries for other
 * names do not, and are refused (RFC 1035 §4.1.1 RCODE 5) or answered from the host's resolver; over
 * TCP (RFC 7766) they are dropped.
 */
final class ClientQueriesTest {
    private static final String CLIENT = "198.18.1.2";
    private static final String CLIENT6 = "2001:db8:1::2";
    private static final String DNS = "198.19.0.53";
    private final FakeGateway gateway = new FakeGateway();
    private final FakeGateway.Client client = new FakeGateway.Client(IpAddress.parse(CLIENT));
    private SplitDnsFilter filter;

    private void start(String otherQueries, List<String> tunnelDomains, List<String> dnsDomains) {
        filter = new SplitDnsFilter(new SplitDnsConfig(tunnelDomains, null, null, dnsDomains, null, null, otherQueries, null), gateway);
        filter.start();
        // The uplink's DNS servers become routes, so passing queries are not dropped by the policy.
        gateway.setUplink(new BackendState.Connected(new UplinkInfo(List.of(IpAddress.parse("198.19.200.2")),
                List.of(IpAddress.parse(DNS)), List.of(), List.of(), 1400)));
        gateway.injectedOutbound.clear();
    }

    @AfterEach
    void close() {
        filter.close();
    }

    private PacketBuffer query(String name, int type) {
        return Datagrams.udp(CLIENT, 41000, DNS, 53, DnsBytes.query(0x4242, name, type).toBytes());
    }

    @Test
    @DisplayName("RFC 8598 §1: queries under a tunnel domain or a dnsDomain pass into the tunnel untouched")
    void splitDomainsPass() {
        start("refuse", List.of("corp.example"), List.of("corp.example", "ad.example"));
        for (String name : List.of("corp.example", "Host.CORP.example.", "dc1.ad.example")) {
            PacketBuffer packet = query(name, 1);
            byte[] before = packet.toByteArray();
            assertSame(Verdict.PASS, filter.outbound(packet, client), name);
            assertEquals(List.of(before.length), List.of(packet.length()));
            assertTrue(java.util.Arrays.equals(before, packet.toByteArray()), name);
        }
        assertEquals(0, gateway.count("quetzal_split_dns_queries_refused_total"));
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: in refuse mode another name's query becomes a REFUSED answer in place, back to the client")
    void refuseInPlace() {
        start("refuse", List.of("corp.example"), null);
        PacketBuffer packet = Datagrams.udp(CLIENT, 41000, DNS, 53, DnsBytes.query(0x4242, "www.public.example", 1)
                .u16(0).u16(41).u16(1232).u32(0).u16(0).toBytes()); // trailing bytes past the question are dropped
        assertSame(Verdict.REPLY, filter.outbound(packet, client));
        assertEquals(IpAddress.parse(DNS), UdpPackets.sourceAddress(packet));
        assertEquals(IpAddress.parse(CLIENT), UdpPackets.destinationAddress(packet));
        assertEquals(53, Datagrams.sourcePort(packet));
        assertEquals(41000, Datagrams.destinationPort(packet));
        assertEquals(Ipv4Header.computeChecksum(packet), Ipv4Header.checksum(packet));
        DnsMessage answer = Datagrams.dns(packet);
        assertEquals(0x4242, answer.id());
        assertTrue(answer.isResponse());
        assertEquals(DnsMessage.RCODE_REFUSED, answer.rcode());
        assertEquals(0x0100, answer.flags() & 0x0100, "RD is copied from the query");
        assertEquals(List.of(new DnsMessage.Question("www.public.example", 1, 1)), answer.questions());
        assertEquals(answer.questionEnd(), Datagrams.payload(packet).length);
        assertEquals(1, gateway.count("quetzal_split_dns_queries_refused_total"));
    }

    @Test
    @DisplayName("issue 6: in resolve mode the host's addresses of the asked family come back, TTL 60, injected to the client")
    void resolveFromHost() {
        start("resolve", List.of("corp.example"), null);
        gateway.resolverAnswers.put("www.public.example", CompletableFuture.completedFuture(
                List.of(IpAddress.parse("127.0.0.7"), IpAddress.parse("::1"), IpAddress.parse("127.0.0.8"))));
        assertSame(Verdict.CONSUMED, filter.outbound(query("www.public.example", 1), client));
        assertEquals(1, gateway.injectedInbound.size());
        PacketBuffer reply = gateway.injectedInbound.getFirst();
        assertSame(client, gateway.injectedFor.getFirst());
        assertEquals(IpAddress.parse(DNS), UdpPackets.sourceAddress(reply));
        assertEquals(IpAddress.parse(CLIENT), UdpPackets.destinationAddress(reply));
        assertEquals(41000, Datagrams.destinationPort(reply));
        DnsMessage answer = Datagrams.dns(reply);
        assertEquals(0x4242, answer.id());
        assertEquals(DnsMessage.RCODE_NOERROR, answer.rcode());
        assertEquals(List.of(IpAddress.parse("127.0.0.7"), IpAddress.parse("127.0.0.8")),
                answer.answers().stream().map(DnsMessage.ResourceRecord::address).toList());
        assertEquals(List.of(60L, 60L), answer.answers().stream().map(DnsMessage.ResourceRecord::ttl).toList());
        assertEquals(1, gateway.count("quetzal_split_dns_queries_resolved_total"));
        assertTrue(gateway.injectedOutbound.isEmpty(), "nothing entered the tunnel");
    }

    @Test
    @DisplayName("issue 6: AAAA from an IPv6 client is answered over IPv6; a late answer arrives when the resolver completes")
    void resolveAaaaLate() {
        start(null, List.of("corp.example"), null);
        CompletableFuture<List<IpAddress>> pending = new CompletableFuture<>();
        gateway.resolverAnswers.put("v6.public.example", pending);
        PacketBuffer packet = Datagrams.udp(CLIENT6, 41001, "2001:db8:53::53", 53,
                DnsBytes.query(7, "v6.public.example", 28).toBytes());
        assertSame(Verdict.CONSUMED, filter.outbound(packet, client));
        assertTrue(gateway.injectedInbound.isEmpty());
        pending.complete(List.of(IpAddress.parse("127.0.0.1"), IpAddress.parse("::1")));
        DnsMessage answer = Datagrams.dns(gateway.injectedInbound.getFirst());
        assertEquals(List.of(IpAddress.parse("::1")), answer.answers().stream().map(DnsMessage.ResourceRecord::address).toList());
        assertEquals(IpAddress.parse(CLIENT6), UdpPackets.destinationAddress(gateway.injectedInbound.getFirst()));
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: an unknown name gets NXDOMAIN, a failed lookup SERVFAIL, other query types REFUSED")
    void resolveFailures() {
        start("resolve", List.of("corp.example"), null);
        gateway.resolverAnswers.put("broken.example", CompletableFuture.failedFuture(new java.io.IOException("no resolver")));
        filter.outbound(query("nowhere.example", 1), client);
        filter.outbound(query("broken.example", 28), client);
        assertSame(Verdict.REPLY, filter.outbound(query("mail.public.example", 15), client), "MX is refused in place");
        assertEquals(List.of(DnsMessage.RCODE_NXDOMAIN, DnsMessage.RCODE_SERVFAIL),
                gateway.injectedInbound.stream().map(p -> Datagrams.dns(p).rcode()).toList());
        assertEquals(1, gateway.count("quetzal_split_dns_queries_refused_total"));
    }

    @Test
    @DisplayName("issue 6: with no tunnel domains every query passes; malformed queries are counted and passed")
    void noTunnelDomainsAndMalformed() {
        start("refuse", List.of(), null);
        assertSame(Verdict.PASS, filter.outbound(query("www.public.example", 1), client));
        filter.close();
        start("refuse", List.of("corp.example"), null);
        PacketBuffer broken = Datagrams.udp(CLIENT, 41000, DNS, 53, new byte[] {1, 2, 3});
        byte[] before = broken.toByteArray();
        assertSame(Verdict.PASS, filter.outbound(broken, client));
        assertTrue(java.util.Arrays.equals(before, broken.toByteArray()));
        assertEquals(1, gateway.count("quetzal_split_dns_malformed_total"));
        gateway.advance(Duration.ofSeconds(1));
    }

    // RFC 7766 over TCP: the tunnel's DNS servers are routed, so a TCP query for another name would reach
    // them; it is answered with a reset instead, whatever otherQueries says for UDP.

    private static PacketBuffer tcpSegment(int port, byte[] payload) {
        return Segments.tcp(CLIENT, 45000, DNS, port, 777, Segments.ACK | Segments.PSH, payload);
    }

    private static byte[] tcpQuery(String name) {
        return Segments.framed(DnsBytes.query(0x5151, name, 1).toBytes());
    }

    private void assertPasses(PacketBuffer packet) {
        byte[] before = packet.toByteArray();
        assertSame(Verdict.PASS, filter.outbound(packet, client));
        assertArrayEquals(before, packet.toByteArray());
    }

    /** RFC 9293 §3.10.7.1: a reset to the client from the server's address and port, checksums right. */
    private static void assertReset(PacketBuffer reset, String from, String to, int clientPort, int sequence,
            int acknowledgment, int flags) {
        byte[] b = reset.toByteArray();
        boolean v4 = reset.ipVersion() == 4;
        int tcp = v4 ? 20 : 40;
        assertEquals(tcp + 20, reset.length(), "no options, no payload");
        assertEquals(reset.length(), v4 ? reset.getUnsignedShort(2) : 40 + reset.getUnsignedShort(4));
        assertEquals(IpAddress.parse(from), IpAddress.of(java.util.Arrays.copyOfRange(b, v4 ? 12 : 8, v4 ? 16 : 24)));
        assertEquals(IpAddress.parse(to), IpAddress.of(java.util.Arrays.copyOfRange(b, v4 ? 16 : 24, v4 ? 20 : 40)));
        assertEquals(53, reset.getUnsignedShort(tcp));
        assertEquals(clientPort, reset.getUnsignedShort(tcp + 2));
        assertEquals(sequence, reset.getInt(tcp + 4));
        assertEquals(acknowledgment, reset.getInt(tcp + 8));
        assertEquals(0x50, reset.getUnsignedByte(tcp + 12));
        assertEquals(flags, reset.getUnsignedByte(tcp + 13));
        assertEquals(0xFFFF, Segments.checksumSum(reset), "TCP checksum does not verify");
        if (v4) {
            assertEquals(Ipv4Header.computeChecksum(reset), reset.getUnsignedShort(10), "IPv4 header checksum");
        }
    }

    private void assertResetIn(String mode) {
        start(mode, List.of("corp.example"), null);
        PacketBuffer packet = Segments.tcp(CLIENT, 45000, DNS, 53, 777, 0x8000_1234, Segments.ACK | Segments.PSH,
                tcpQuery("www.public.example"));
        assertSame(Verdict.REPLY, filter.outbound(packet, client));
        assertReset(packet, DNS, CLIENT, 45000, 0x8000_1234, 0, Segments.RST);
        assertEquals(1, gateway.count("quetzal_split_dns_tcp_queries_reset_total"));
        assertEquals(0, gateway.count("quetzal_split_dns_queries_refused_total"), "no REFUSED answer over TCP");
        assertEquals(0, gateway.count("quetzal_split_dns_queries_resolved_total"));
        assertEquals(List.of(), gateway.injectedInbound);
    }

    @Test
    @DisplayName("RFC 8598 §1, RFC 9293 §3.10.7.1: a framed TCP query for another name is reset when otherQueries is resolve")
    void resetInResolveMode() {
        assertResetIn("resolve");
    }

    @Test
    @DisplayName("RFC 8598 §1, RFC 9293 §3.10.7.1: a framed TCP query for another name is reset when otherQueries is refuse")
    void resetInRefuseMode() {
        assertResetIn("refuse");
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.1: over IPv6 and without an ACK, the reset acknowledges the segment with sequence zero")
    void resetWithoutAck() {
        start("refuse", List.of("corp.example"), null);
        byte[] query = tcpQuery("www.public.example");
        PacketBuffer packet = Segments.tcp("2001:db8:1::2", 45001, "2001:db8:53::53", 53, -5, Segments.PSH | Segments.FIN, query);
        assertSame(Verdict.REPLY, filter.outbound(packet, client));
        assertReset(packet, "2001:db8:53::53", "2001:db8:1::2", 45001, 0, -5 + query.length + 1, Segments.RST | Segments.ACK);
    }

    @Test
    @DisplayName("RFC 8598 §1: TCP queries under a tunnel domain or a dnsDomain pass into the tunnel unchanged")
    void splitNamesPass() {
        start("refuse", List.of("corp.example"), List.of("corp.example", "ad.example"));
        assertPasses(tcpSegment(53, tcpQuery("Host.CORP.example.")));
        assertPasses(tcpSegment(53, tcpQuery("dc1.ad.example")));
    }

    @Test
    @DisplayName("RFC 7766 §8: a client that writes the length in a segment of its own is judged by the bare message that follows")
    void lengthInItsOwnSegment() {
        start("resolve", List.of("corp.example"), null);
        byte[] framed = tcpQuery("www.public.example");
        assertPasses(tcpSegment(53, new byte[] {framed[0], framed[1]}));
        byte[] bare = java.util.Arrays.copyOfRange(framed, 2, framed.length);
        PacketBuffer reset = tcpSegment(53, bare);
        assertSame(Verdict.REPLY, filter.outbound(reset, client));
        assertReset(reset, DNS, CLIENT, 45000, 0, 0, Segments.RST); // the segment acknowledged 0
        byte[] inside = DnsBytes.query(0x5152, "git.corp.example", 1).toBytes();
        assertPasses(tcpSegment(53, inside));
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: what is not a standard query (garbage, a response, other ports, no tunnel domains) is not judged")
    void notJudged() {
        start("refuse", List.of("corp.example"), null);
        assertPasses(tcpSegment(53, new byte[] {0, 3, 1, 2, 3}));
        assertPasses(tcpSegment(53, Segments.framed(DnsBytes.response(9, 1, 0).question("www.public.example", 1).toBytes())));
        assertPasses(tcpSegment(53, new byte[0]));
        // Port 853 (DNS over TLS) to a routed server is not plain DNS: it passes the policy like any traffic.
        assertPasses(tcpSegment(853, tcpQuery("www.public.example")));
        filter.close();
        start("refuse", List.of(), null);
        assertPasses(tcpSegment(53, tcpQuery("www.public.example")));
    }
}
