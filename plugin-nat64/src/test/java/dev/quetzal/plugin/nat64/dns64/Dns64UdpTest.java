package dev.quetzal.plugin.nat64.dns64;

import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.a;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.aaaa;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.answer;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.name;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.query;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.soa;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.udpMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** DNS64 over UDP, checklist items 1–6 of nat64-dns64.md (RFC 6147 §5.1), each test citing its section. */
final class Dns64UdpTest {
    private final Dns64Fixture f = new Dns64Fixture();

    @Test
    @DisplayName("Checklist 1, RFC 6147 §5.1 and §5.3.3: only AAAA/IN for the suffixes; A, MX, ANY, class CH and other names pass untouched")
    void scope() throws Exception {
        for (Message query : List.of(query("www.corp.example", Type.MX), query("www.corp.example", Type.ANY),
                query("www.other.example", Type.AAAA), query("notcorp.example", Type.AAAA))) {
            PacketBuffer packet = f.clientUdp(query);
            byte[] before = packet.toByteArray();
            assertEquals(Verdict.PASS, f.dns64.outbound(packet, f.session), query.getQuestion().toString());
            assertArrayEquals(before, packet.toByteArray());
        }
        Message chaos = Message.newQuery(Record.newRecord(name("www.corp.example"), Type.AAAA, DClass.CH));
        assertEquals(Verdict.PASS, f.dns64.outbound(f.clientUdp(chaos), f.session));
        assertTrue(f.dns64.pending().isEmpty(), "nothing tracked");
        // Label boundary and case: WWW.Corp.EXAMPLE is under corp.example.
        assertEquals(Verdict.PASS, f.dns64.outbound(f.clientUdp(query("WWW.Corp.EXAMPLE", Type.AAAA)), f.session));
        assertEquals(1, f.dns64.pending().size());
    }

    @Test
    @DisplayName("Checklist 1: queries to other servers are not looked at; IPv4 queries to the IPv4 server are (dual stack)")
    void onlyTheHandedOutServers() throws Exception {
        Message query = query("www.corp.example", Type.AAAA);
        PacketBuffer elsewhere = Dns64Fixture.udp(Dns64Fixture.CLIENT, 40000, IpAddress.parse("2001:db8:99::53"), 53, query.toWire());
        assertEquals(Verdict.PASS, f.dns64.outbound(elsewhere, f.session));
        assertTrue(f.dns64.pending().isEmpty());
        PacketBuffer v4 = Dns64Fixture.udp(Dns64Fixture.CLIENT4, 40000, Dns64Fixture.SERVER4, 53, query.toWire());
        assertEquals(Verdict.PASS, f.dns64.outbound(v4, f.session));
        PacketBuffer nodata = Dns64Fixture.udp(Dns64Fixture.SERVER4, 53, Dns64Fixture.CLIENT4, 40000,
                answer(query, Rcode.NOERROR).toWire());
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(nodata));
        assertEquals(Dns64Fixture.SERVER4, DnsPackets.destination(f.toServer.getFirst()), "the A query goes over IPv4 too");
    }

    @Test
    @DisplayName("Checklist 2, RFC 6147 §5.1.1: a real AAAA answer passes unchanged, no A query")
    void realAaaaPasses() throws Exception {
        Message query = query("v6.corp.example", Type.AAAA);
        f.dns64.outbound(f.clientUdp(query), f.session);
        PacketBuffer packet = f.serverUdp(answer(query, Rcode.NOERROR, aaaa("v6.corp.example", 300, "2001:db8:5::1")));
        byte[] before = packet.toByteArray();
        assertEquals(Verdict.PASS, f.dns64.inbound(packet));
        assertArrayEquals(before, packet.toByteArray());
        assertTrue(f.toServer.isEmpty());
    }

    @Test
    @DisplayName("Checklist 3, RFC 6147 §5.1.4: only excluded AAAA (::ffff:0:0/96) counts as none; a mix loses the excluded ones")
    void exclusionSet() throws Exception {
        Message query = query("mapped.corp.example", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR, aaaa("mapped.corp.example", 300, "::ffff:10.0.0.1")));
        Message result = f.answerA(aQuery, a("mapped.corp.example", 300, "10.0.0.1"));
        assertEquals(List.of(f.synthesized("10.0.0.1")), Dns64Fixture.aaaaAddresses(result));

        Message mixed = query("mixed.corp.example", Type.AAAA);
        mixed.getHeader().setID(0x2222);
        f.dns64.outbound(f.clientUdp(mixed), f.session);
        PacketBuffer packet = f.serverUdp(answer(mixed, Rcode.NOERROR, aaaa("mixed.corp.example", 300, "::ffff:10.0.0.2"),
                aaaa("mixed.corp.example", 300, "2001:db8:5::2")));
        assertEquals(Verdict.PASS, f.dns64.inbound(packet));
        assertEquals(List.of("2001:db8:5::2"), Dns64Fixture.aaaaAddresses(udpMessage(packet)));
        assertEquals(0x2222, udpMessage(packet).getHeader().getID());
    }

    @Test
    @DisplayName("Checklist 3: the exclusion set is configurable")
    void configuredExclusion() throws Exception {
        Dns64Fixture custom = new Dns64Fixture(new Dns64Config(null, List.of("corp.example"), null, null,
                List.of(IpPrefix.parse("2001:db8:dead::/48")), null));
        Message query = query("x.corp.example", Type.AAAA);
        custom.dns64.outbound(custom.clientUdp(query), custom.session);
        assertEquals(Verdict.CONSUMED, custom.dns64.inbound(custom.serverUdp(
                answer(query, Rcode.NOERROR, aaaa("x.corp.example", 60, "2001:db8:dead::1")))));
    }

    @Test
    @DisplayName("Checklist 4, RFC 6147 §5.1.2: NXDOMAIN is returned as is, without an A query")
    void nxdomainPasses() throws Exception {
        Message query = query("gone.corp.example", Type.AAAA);
        assertNull(f.nodataThenAQuery(query, answer(query, Rcode.NXDOMAIN)));
        assertTrue(f.dns64.pending().isEmpty());
    }

    @Test
    @DisplayName("Checklist 4, RFC 6147 §5.1.3: SERVFAIL, REFUSED, NOTIMP and FORMERR count as no AAAA: try A")
    void errorsTryA() throws Exception {
        int id = 100;
        for (int rcode : new int[] {Rcode.SERVFAIL, Rcode.REFUSED, Rcode.NOTIMP, Rcode.FORMERR}) {
            Message query = query("err.corp.example", Type.AAAA);
            query.getHeader().setID(id++);
            Message aQuery = f.nodataThenAQuery(query, answer(query, rcode));
            Message result = f.answerA(aQuery, a("err.corp.example", 30, "10.1.1.1"));
            assertEquals(Rcode.NOERROR, result.getRcode(), Rcode.string(rcode));
            assertEquals(query.getHeader().getID(), result.getHeader().getID());
            assertEquals(List.of(f.synthesized("10.1.1.1")), Dns64Fixture.aaaaAddresses(result));
            assertEquals(30, result.getSection(Section.ANSWER).getFirst().getTTL());
        }
    }

    @Test
    @DisplayName("Checklist 4, RFC 6147 §5.1.3: no AAAA answer within the timeout: DNS64 asks for A itself")
    void aaaaTimeoutTriesA() throws Exception {
        Message query = query("slow.corp.example", Type.AAAA);
        f.dns64.outbound(f.clientUdp(query), f.session);
        f.advance(Duration.ofMillis(1900));
        assertTrue(f.toServer.isEmpty(), "not before the timeout");
        f.advance(Duration.ofMillis(200));
        Message aQuery = udpMessage(f.toServer.removeFirst());
        assertEquals(Type.A, aQuery.getQuestion().getType());
        Message result = f.answerA(aQuery, a("slow.corp.example", 900, "10.2.2.2"));
        assertEquals(List.of(f.synthesized("10.2.2.2")), Dns64Fixture.aaaaAddresses(result));
        assertEquals(600, result.getSection(Section.ANSWER).getFirst().getTTL(), "min(A TTL, 600) without SOA");
        assertEquals(1, f.dns64.counters().timeouts());
        // The AAAA answer coming late is dropped: the client already has its answer.
    }

    @Test
    @DisplayName("Checklist 5, RFC 6147 §5.1.6: NODATA makes DNS64 send the A query itself with its own ID; the answer is synthesized")
    void nodataFetchesA() throws Exception {
        Message query = query("v4only.corp.example", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        assertEquals(Type.A, aQuery.getQuestion().getType());
        assertEquals(name("v4only.corp.example"), aQuery.getQuestion().getName());
        assertTrue(aQuery.getHeader().getFlag(Flags.RD));
        assertEquals(1, aQuery.getSection(Section.ADDITIONAL).size(), "one OPT");
        Message result = f.answerA(aQuery, a("v4only.corp.example", 120, "10.3.3.3"), a("v4only.corp.example", 120, "10.3.3.4"));
        assertEquals(0x1234, result.getHeader().getID());
        assertEquals(List.of(f.synthesized("10.3.3.3"), f.synthesized("10.3.3.4")), Dns64Fixture.aaaaAddresses(result));
        assertEquals(1, f.dns64.counters().synthesized());
        assertTrue(f.dns64.pending().isEmpty(), "nothing left behind");
    }

    @Test
    @DisplayName("Checklist 5, RFC 6147 §5.1.6: when the A answer is empty or an error, the client gets the AAAA answer")
    void emptyAReturnsTheAaaaAnswer() throws Exception {
        Message query = query("none.corp.example", Type.AAAA);
        Message nodata = answer(query, Rcode.NOERROR);
        nodata.addRecord(soa("corp.example", 300, 60), Section.AUTHORITY);
        Message aQuery = f.nodataThenAQuery(query, nodata);
        Message result = f.answerA(answer(aQuery, Rcode.NOERROR));
        assertEquals(Rcode.NOERROR, result.getRcode());
        assertTrue(result.getSection(Section.ANSWER).isEmpty());
        assertEquals(1, result.getSection(Section.AUTHORITY).size(), result::toString);
        assertEquals(Type.SOA, result.getSection(Section.AUTHORITY).getFirst().getType(), "the AAAA answer's SOA");
        assertEquals(Type.AAAA, result.getQuestion().getType());

        Message second = query("none2.corp.example", Type.AAAA);
        second.getHeader().setID(77);
        Message aQuery2 = f.nodataThenAQuery(second, answer(second, Rcode.NOERROR));
        Message failed = f.answerA(answer(aQuery2, Rcode.SERVFAIL));
        assertEquals(Rcode.NOERROR, failed.getRcode(), "the AAAA answer (NODATA), not the A error");
        assertEquals(77, failed.getHeader().getID());
    }

    @Test
    @DisplayName("Checklist 5: a retransmitted query's NODATA arriving during the A lookup is dropped")
    void retransmissionsDuringTheLookUp() throws Exception {
        Message query = query("dup.corp.example", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        assertEquals(Verdict.PASS, f.dns64.outbound(f.clientUdp(query), f.session));
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(f.serverUdp(answer(query, Rcode.NOERROR))));
        assertEquals(List.of(f.synthesized("10.9.9.9")), Dns64Fixture.aaaaAddresses(f.answerA(aQuery, a("dup.corp.example", 60, "10.9.9.9"))));
    }

    @Test
    @DisplayName("Checklist 5, RFC 6147 §5.1.6: neither answer within the timeouts: SERVFAIL to the client")
    void bothTimeOut() throws Exception {
        f.dns64.outbound(f.clientUdp(query("dead.corp.example", Type.AAAA)), f.session);
        f.advance(Duration.ofMillis(2100));
        assertEquals(1, f.toServer.size());
        f.advance(Duration.ofMillis(2100));
        Message result = udpMessage(f.toClient.getFirst());
        assertEquals(Rcode.SERVFAIL, result.getRcode());
        assertEquals(0x1234, result.getHeader().getID());
        assertEquals(Dns64Fixture.CLIENT, DnsPackets.destination(f.toClient.getFirst()));
        assertTrue(f.dns64.pending().isEmpty());
    }

    @Test
    @DisplayName("Checklist 6, RFC 6147 §5.1.7: TTL = min(A TTL, SOA negative TTL from the AAAA answer); owner, type 28, class IN")
    void ttlRule() throws Exception {
        Message query = query("ttl.corp.example", Type.AAAA);
        Message nodata = answer(query, Rcode.NOERROR);
        nodata.addRecord(soa("corp.example", 3600, 45), Section.AUTHORITY);
        Message aQuery = f.nodataThenAQuery(query, nodata);
        Message result = f.answerA(aQuery, a("ttl.corp.example", 300, "10.4.4.4"));
        Record record = result.getSection(Section.ANSWER).getFirst();
        assertEquals(45, record.getTTL(), "SOA minimum 45 < A TTL 300");
        assertEquals(Type.AAAA, record.getType());
        assertEquals(DClass.IN, record.getDClass());
        assertEquals(name("ttl.corp.example"), record.getName());

        Message short1 = query("short.corp.example", Type.AAAA);
        short1.getHeader().setID(5);
        Message nodata2 = answer(short1, Rcode.NOERROR);
        nodata2.addRecord(soa("corp.example", 3600, 900), Section.AUTHORITY);
        Message result2 = f.answerA(f.nodataThenAQuery(short1, nodata2), a("short.corp.example", 20, "10.4.4.5"));
        assertEquals(20, result2.getSection(Section.ANSWER).getFirst().getTTL(), "A TTL 20 < SOA 900");
    }

}
