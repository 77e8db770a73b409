package dev.quetzal.plugin.nat64.dns64;

import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.a;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.aaaa;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.answer;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.name;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.query;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.soa;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.udpMessage;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.withEdns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** DNS64 over UDP, one test per item of the nat64-dns64.md checklist, with the RFC 6147 section each checks. */
final class Dns64UdpTest {
    private final Dns64Fixture f = new Dns64Fixture();

    /** Sends the client's query, answers it with {@code aaaaAnswer}; returns the A query DNS64 sent, or null. */
    private Message nodataThenAQuery(Message query, Message aaaaAnswer) throws Exception {
        assertEquals(Verdict.PASS, f.dns64.outbound(f.clientUdp(query), f.session));
        PacketBuffer answerPacket = f.serverUdp(aaaaAnswer);
        Verdict verdict = f.dns64.inbound(answerPacket);
        if (f.toServer.isEmpty()) {
            assertEquals(Verdict.PASS, verdict);
            return null;
        }
        assertEquals(Verdict.CONSUMED, verdict);
        PacketBuffer sent = f.toServer.removeLast();
        assertEquals(Dns64Fixture.CLIENT, DnsPackets.source(sent), "from the client's address (it is translated)");
        assertEquals(f.server, DnsPackets.destination(sent), "to the server the client asked");
        assertEquals(Dns64Fixture.CLIENT_PORT, DnsPackets.sourcePort(sent, 40));
        return udpMessage(sent);
    }

    /** The server answers DNS64's own A query; returns what goes to the client. */
    private Message answerA(Message aQuery, Record... records) throws Exception {
        return answerA(answer(aQuery, Rcode.NOERROR, records));
    }

    private Message answerA(Message aAnswer) throws Exception {
        PacketBuffer packet = f.serverUdp(aAnswer);
        assertEquals(Verdict.PASS, f.dns64.inbound(packet), "the A answer becomes the client's answer in place");
        assertEquals(Dns64Fixture.CLIENT, DnsPackets.destination(packet));
        assertEquals(f.server, DnsPackets.source(packet));
        return udpMessage(packet);
    }

    private String synthesized(String ipv4) {
        return Dns64Fixture.embed(f.pref64, (dev.quetzal.api.net.Ipv4Address) IpAddress.parse(ipv4)).toString();
    }

    private static List<String> aaaaAddresses(Message message) {
        return message.getSection(Section.ANSWER).stream().filter(r -> r instanceof AAAARecord)
                .map(r -> IpAddress.of(((AAAARecord) r).getAddress()).toString()).toList();
    }

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
        Message aQuery = nodataThenAQuery(query, answer(query, Rcode.NOERROR, aaaa("mapped.corp.example", 300, "::ffff:10.0.0.1")));
        Message result = answerA(aQuery, a("mapped.corp.example", 300, "10.0.0.1"));
        assertEquals(List.of(synthesized("10.0.0.1")), aaaaAddresses(result));

        Message mixed = query("mixed.corp.example", Type.AAAA);
        mixed.getHeader().setID(0x2222);
        f.dns64.outbound(f.clientUdp(mixed), f.session);
        PacketBuffer packet = f.serverUdp(answer(mixed, Rcode.NOERROR, aaaa("mixed.corp.example", 300, "::ffff:10.0.0.2"),
                aaaa("mixed.corp.example", 300, "2001:db8:5::2")));
        assertEquals(Verdict.PASS, f.dns64.inbound(packet));
        assertEquals(List.of("2001:db8:5::2"), aaaaAddresses(udpMessage(packet)));
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
        assertNull(nodataThenAQuery(query, answer(query, Rcode.NXDOMAIN)));
        assertTrue(f.dns64.pending().isEmpty());
    }

    @Test
    @DisplayName("Checklist 4, RFC 6147 §5.1.3: SERVFAIL, REFUSED, NOTIMP and FORMERR count as no AAAA: try A")
    void errorsTryA() throws Exception {
        int id = 100;
        for (int rcode : new int[] {Rcode.SERVFAIL, Rcode.REFUSED, Rcode.NOTIMP, Rcode.FORMERR}) {
            Message query = query("err.corp.example", Type.AAAA);
            query.getHeader().setID(id++);
            Message aQuery = nodataThenAQuery(query, answer(query, rcode));
            Message result = answerA(aQuery, a("err.corp.example", 30, "10.1.1.1"));
            assertEquals(Rcode.NOERROR, result.getRcode(), Rcode.string(rcode));
            assertEquals(query.getHeader().getID(), result.getHeader().getID());
            assertEquals(List.of(synthesized("10.1.1.1")), aaaaAddresses(result));
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
        Message result = answerA(aQuery, a("slow.corp.example", 900, "10.2.2.2"));
        assertEquals(List.of(synthesized("10.2.2.2")), aaaaAddresses(result));
        assertEquals(600, result.getSection(Section.ANSWER).getFirst().getTTL(), "min(A TTL, 600) without SOA");
        assertEquals(1, f.dns64.counters().timeouts());
        // The AAAA answer coming late is dropped: the client already has its answer.
    }

    @Test
    @DisplayName("Checklist 5, RFC 6147 §5.1.6: NODATA makes DNS64 send the A query itself with its own ID; the answer is synthesized")
    void nodataFetchesA() throws Exception {
        Message query = query("v4only.corp.example", Type.AAAA);
        Message aQuery = nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        assertEquals(Type.A, aQuery.getQuestion().getType());
        assertEquals(name("v4only.corp.example"), aQuery.getQuestion().getName());
        assertTrue(aQuery.getHeader().getFlag(Flags.RD));
        assertEquals(1, aQuery.getSection(Section.ADDITIONAL).size(), "one OPT");
        Message result = answerA(aQuery, a("v4only.corp.example", 120, "10.3.3.3"), a("v4only.corp.example", 120, "10.3.3.4"));
        assertEquals(0x1234, result.getHeader().getID());
        assertEquals(List.of(synthesized("10.3.3.3"), synthesized("10.3.3.4")), aaaaAddresses(result));
        assertEquals(1, f.dns64.counters().synthesized());
        assertTrue(f.dns64.pending().isEmpty(), "nothing left behind");
    }

    @Test
    @DisplayName("Checklist 5, RFC 6147 §5.1.6: when the A answer is empty or an error, the client gets the AAAA answer")
    void emptyAReturnsTheAaaaAnswer() throws Exception {
        Message query = query("none.corp.example", Type.AAAA);
        Message nodata = answer(query, Rcode.NOERROR);
        nodata.addRecord(soa("corp.example", 300, 60), Section.AUTHORITY);
        Message aQuery = nodataThenAQuery(query, nodata);
        Message result = answerA(answer(aQuery, Rcode.NOERROR));
        assertEquals(Rcode.NOERROR, result.getRcode());
        assertTrue(result.getSection(Section.ANSWER).isEmpty());
        assertEquals(1, result.getSection(Section.AUTHORITY).size(), result::toString);
        assertEquals(Type.SOA, result.getSection(Section.AUTHORITY).getFirst().getType(), "the AAAA answer's SOA");
        assertEquals(Type.AAAA, result.getQuestion().getType());

        Message second = query("none2.corp.example", Type.AAAA);
        second.getHeader().setID(77);
        Message aQuery2 = nodataThenAQuery(second, answer(second, Rcode.NOERROR));
        Message failed = answerA(answer(aQuery2, Rcode.SERVFAIL));
        assertEquals(Rcode.NOERROR, failed.getRcode(), "the AAAA answer (NODATA), not the A error");
        assertEquals(77, failed.getHeader().getID());
    }

    @Test
    @DisplayName("Checklist 5: a retransmitted query's NODATA arriving during the A lookup is dropped")
    void retransmissionsDuringTheLookUp() throws Exception {
        Message query = query("dup.corp.example", Type.AAAA);
        Message aQuery = nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        assertEquals(Verdict.PASS, f.dns64.outbound(f.clientUdp(query), f.session));
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(f.serverUdp(answer(query, Rcode.NOERROR))));
        assertEquals(List.of(synthesized("10.9.9.9")), aaaaAddresses(answerA(aQuery, a("dup.corp.example", 60, "10.9.9.9"))));
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
        Message aQuery = nodataThenAQuery(query, nodata);
        Message result = answerA(aQuery, a("ttl.corp.example", 300, "10.4.4.4"));
        Record record = result.getSection(Section.ANSWER).getFirst();
        assertEquals(45, record.getTTL(), "SOA minimum 45 < A TTL 300");
        assertEquals(Type.AAAA, record.getType());
        assertEquals(DClass.IN, record.getDClass());
        assertEquals(name("ttl.corp.example"), record.getName());

        Message short1 = query("short.corp.example", Type.AAAA);
        short1.getHeader().setID(5);
        Message nodata2 = answer(short1, Rcode.NOERROR);
        nodata2.addRecord(soa("corp.example", 3600, 900), Section.AUTHORITY);
        Message result2 = answerA(nodataThenAQuery(short1, nodata2), a("short.corp.example", 20, "10.4.4.5"));
        assertEquals(20, result2.getSection(Section.ANSWER).getFirst().getTTL(), "A TTL 20 < SOA 900");
    }

    @Test
    @DisplayName("Checklist 7, RFC 6052 §3.1: under 64:ff9b::/96 non-global IPv4 is not synthesized; RFC 8215 local use allows it")
    void wellKnownPrefixRule() throws Exception {
        // 198.18.0.53 has no form under the WKP either, so the server's IPv6 form is configured by hand.
        Dns64Fixture wkp = new Dns64Fixture(IpPrefix.parse("64:ff9b::/96"), new Dns64Config(null, List.of("corp.example"),
                null, List.of(IpAddress.parse("64:ff9b::c612:35")), null, null));
        Message query = query("rfc1918.corp.example", Type.AAAA);
        wkp.dns64.outbound(wkp.clientUdp(query), wkp.session);
        wkp.dns64.inbound(wkp.serverUdp(answer(query, Rcode.NOERROR)));
        Message aQuery = udpMessage(wkp.toServer.getFirst());
        PacketBuffer packet = wkp.serverUdp(answer(aQuery, Rcode.NOERROR, a("rfc1918.corp.example", 60, "10.0.0.7"),
                a("rfc1918.corp.example", 60, "192.0.0.170")));
        wkp.dns64.inbound(packet);
        List<String> addresses = aaaaAddresses(udpMessage(packet));
        assertEquals(List.of("64:ff9b::c000:aa"), addresses, "10.0.0.7 is not global: left out");
        assertEquals("64:ff9b:1::a00:7", synthesized("10.0.0.7"), "under 64:ff9b:1::/96 (RFC 8215) it is fine");
    }

    @Test
    @DisplayName("Checklist 8, RFC 6147 §5.1.5: a CNAME chain to an A-only name: the chain plus AAAA for its end")
    void cnameChain() throws Exception {
        Message query = query("alias.corp.example", Type.AAAA);
        Message nodata = answer(query, Rcode.NOERROR,
                new CNAMERecord(name("alias.corp.example"), DClass.IN, 300, name("mid.corp.example")),
                new CNAMERecord(name("mid.corp.example"), DClass.IN, 300, name("host.corp.example")));
        Message aQuery = nodataThenAQuery(query, nodata);
        assertEquals(name("alias.corp.example"), aQuery.getQuestion().getName(), "asks for the query name; the server follows");
        Message result = answerA(aQuery,
                new CNAMERecord(name("alias.corp.example"), DClass.IN, 300, name("mid.corp.example")),
                new CNAMERecord(name("mid.corp.example"), DClass.IN, 300, name("host.corp.example")),
                a("host.corp.example", 60, "10.5.5.5"));
        List<Record> answers = result.getSection(Section.ANSWER);
        assertEquals(3, answers.size());
        assertEquals(Type.CNAME, answers.get(0).getType());
        assertEquals(Type.CNAME, answers.get(1).getType());
        assertEquals(name("host.corp.example"), answers.get(2).getName());
        assertEquals(List.of(synthesized("10.5.5.5")), aaaaAddresses(result));
    }

    @Test
    @DisplayName("Checklist 9, RFC 6147 §5.4 and §5.3.2: ID and question (0x20 case) kept; authority and additional from the A answer; RRSIG(A) dropped")
    void assembly() throws Exception {
        Message query = query("MiXeD.CoRp.ExAmPlE", Type.AAAA);
        query.getHeader().setID(0xBEEF);
        Message aQuery = nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        Message aAnswer = answer(aQuery, Rcode.NOERROR, a("mixed.corp.example", 60, "10.6.6.6"),
                new RRSIGRecord(name("mixed.corp.example"), DClass.IN, 60, Type.A, 13, 60, java.time.Instant.EPOCH.plusSeconds(100000),
                        java.time.Instant.EPOCH, 1, name("corp.example"), new byte[64]));
        aAnswer.addRecord(new org.xbill.DNS.NSRecord(name("corp.example"), DClass.IN, 300, name("ns.corp.example")), Section.AUTHORITY);
        aAnswer.addRecord(a("ns.corp.example", 300, "10.6.6.1"), Section.ADDITIONAL);
        aAnswer.getHeader().setFlag(Flags.AA);
        Message result = answerA(aAnswer);
        assertEquals(0xBEEF, result.getHeader().getID());
        assertEquals("MiXeD.CoRp.ExAmPlE.", result.getQuestion().getName().toString(), "the client's letter case (0x20)");
        assertEquals(Type.AAAA, result.getQuestion().getType());
        assertTrue(result.getHeader().getFlag(Flags.QR));
        assertTrue(result.getHeader().getFlag(Flags.AA));
        assertEquals(List.of(synthesized("10.6.6.6")), aaaaAddresses(result));
        assertTrue(result.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() == Type.RRSIG), "RRSIG(A) dropped");
        assertEquals(Type.NS, result.getSection(Section.AUTHORITY).getFirst().getType());
        List<Record> additional = result.getSection(Section.ADDITIONAL);
        assertEquals(1, additional.size());
        assertEquals(Type.A, additional.getFirst().getType(), "additional copied, never synthesized into");
    }

    @Test
    @DisplayName("Checklist 10, RFC 6147 §5.5: DO+CD passes without synthesis; DO alone is synthesized with AD clear")
    void dnssec() throws Exception {
        Message validating = withEdns(query("signed.corp.example", Type.AAAA), 1232, true);
        validating.getHeader().setFlag(Flags.CD);
        f.dns64.outbound(f.clientUdp(validating), f.session);
        assertTrue(f.dns64.pending().isEmpty(), "DO+CD: not tracked");
        assertEquals(1, f.dns64.counters().dnssecPassed());
        PacketBuffer nodata = f.serverUdp(answer(validating, Rcode.NOERROR));
        assertEquals(Verdict.PASS, f.dns64.inbound(nodata));

        Message doOnly = withEdns(query("signed.corp.example", Type.AAAA), 1232, true);
        doOnly.getHeader().setID(9);
        Message aQuery = nodataThenAQuery(doOnly, answer(doOnly, Rcode.NOERROR));
        Message aAnswer = answer(aQuery, Rcode.NOERROR, a("signed.corp.example", 60, "10.7.7.7"));
        aAnswer.getHeader().setFlag(Flags.AD);
        Message result = answerA(aAnswer);
        assertFalse(result.getHeader().getFlag(Flags.AD), "never AD on what we made");
        assertEquals(1, aaaaAddresses(result).size());
    }

    @Test
    @DisplayName("Checklist 11, RFC 6147 §5.3.1: PTR under the Pref64's ip6.arpa: asked as in-addr.arpa, answered with a CNAME to it plus its PTR")
    void ptr() throws Exception {
        Message query = Message.newQuery(Record.newRecord(
                org.xbill.DNS.ReverseMap.fromAddress(InetAddress.ofLiteral(synthesized("10.8.8.8"))), Type.PTR, DClass.IN));
        PacketBuffer packet = f.clientUdp(query);
        assertEquals(Verdict.PASS, f.dns64.outbound(packet, f.session));
        Message sent = udpMessage(packet);
        assertEquals(name("8.8.8.10.in-addr.arpa"), sent.getQuestion().getName());
        assertEquals(query.getHeader().getID(), sent.getHeader().getID());
        PacketBuffer reply = f.serverUdp(answer(sent, Rcode.NOERROR,
                new PTRRecord(name("8.8.8.10.in-addr.arpa"), DClass.IN, 120, name("printer.corp.example"))));
        assertEquals(Verdict.PASS, f.dns64.inbound(reply));
        Message result = udpMessage(reply);
        assertEquals(query.getQuestion(), result.getQuestion());
        List<Record> answers = result.getSection(Section.ANSWER);
        assertEquals(Type.CNAME, answers.get(0).getType());
        assertEquals(name("8.8.8.10.in-addr.arpa"), ((CNAMERecord) answers.get(0)).getTarget());
        assertEquals(name("printer.corp.example"), ((PTRRecord) answers.get(1)).getTarget());
        // Not under the prefix: untouched.
        Message other = Message.newQuery(Record.newRecord(
                org.xbill.DNS.ReverseMap.fromAddress(InetAddress.ofLiteral("2001:db8::1")), Type.PTR, DClass.IN));
        PacketBuffer otherPacket = f.clientUdp(other);
        byte[] before = otherPacket.toByteArray();
        f.dns64.outbound(otherPacket, f.session);
        assertArrayEquals(before, otherPacket.toByteArray());
    }

    @Test
    @DisplayName("Checklist 12, RFC 6147 §5.4 / RFC 1035 §4.2.1: 512 bytes without EDNS, else TC=1; the client's EDNS size otherwise; one OPT")
    void sizeLimits() throws Exception {
        Record[] many = new Record[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = a("big.corp.example", 60, "10.10.0." + (i + 1));
        }
        Message plain = query("big.corp.example", Type.AAAA);
        Message aQuery = nodataThenAQuery(plain, answer(plain, Rcode.NOERROR));
        PacketBuffer packet = f.serverUdp(answer(aQuery, Rcode.NOERROR, many));
        f.dns64.inbound(packet);
        assertTrue(Dns64Fixture.dnsBytes(packet).length <= 512, "at most 512 bytes");
        assertTrue(udpMessage(packet).getHeader().getFlag(Flags.TC), "TC=1: the client retries over TCP");

        Message edns = withEdns(query("big.corp.example", Type.AAAA), 4096, false);
        edns.getHeader().setID(4096);
        Message aQuery2 = nodataThenAQuery(edns, withEdns(answer(edns, Rcode.NOERROR), 4096, false));
        Message aAnswer = withEdns(answer(aQuery2, Rcode.NOERROR, many), 1232, false);
        PacketBuffer big = f.serverUdp(aAnswer);
        f.dns64.inbound(big);
        Message result = udpMessage(big);
        assertFalse(result.getHeader().getFlag(Flags.TC));
        assertEquals(40, aaaaAddresses(result).size());
        assertEquals(1, result.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.OPT).count(), "one OPT");
    }

    @Test
    @DisplayName("Checklist 12, RFC 6891 §7: the OPT of DNS64's own A query is not passed to a client that sent none; kept once for one that did")
    void optOnlyForEdnsClients() throws Exception {
        Message plain = query("opt.corp.example", Type.AAAA);
        Message aQuery = nodataThenAQuery(plain, answer(plain, Rcode.NOERROR));
        Message result = answerA(withEdns(answer(aQuery, Rcode.NOERROR, a("opt.corp.example", 60, "10.12.0.1")), 1232, false));
        assertNull(result.getOPT(), "no EDNS asked, none answered");

        Message edns = withEdns(query("opt.corp.example", Type.AAAA), 1232, false);
        edns.getHeader().setID(3);
        Message aQuery2 = nodataThenAQuery(edns, withEdns(answer(edns, Rcode.NOERROR), 1232, false));
        assertEquals(1, aQuery2.getSection(Section.ADDITIONAL).size(), "DNS64's query carries one OPT, not the client's too");
        Message result2 = answerA(withEdns(answer(aQuery2, Rcode.NOERROR, a("opt.corp.example", 60, "10.12.0.1")), 1232, false));
        assertEquals(1, result2.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.OPT).count());
    }

    @Test
    @DisplayName("Checklist 12, RFC 6147 §5.4: a truncated AAAA answer goes to the client as is; a truncated A answer keeps TC")
    void upstreamTruncation() throws Exception {
        Message query = query("tc.corp.example", Type.AAAA);
        Message truncated = answer(query, Rcode.NOERROR);
        truncated.getHeader().setFlag(Flags.TC);
        assertNull(nodataThenAQuery(query, truncated));

        Message second = query("tc2.corp.example", Type.AAAA);
        second.getHeader().setID(2);
        Message aQuery = nodataThenAQuery(second, answer(second, Rcode.NOERROR));
        Message aAnswer = answer(aQuery, Rcode.NOERROR, a("tc2.corp.example", 60, "10.11.0.1"));
        aAnswer.getHeader().setFlag(Flags.TC);
        assertTrue(answerA(aAnswer).getHeader().getFlag(Flags.TC));
    }

    @Test
    @DisplayName("Checklist 13, RFC 7050 §3: ipv4only.arpa is synthesized whatever the suffixes")
    void ipv4onlyArpa() throws Exception {
        Message query = query("ipv4only.arpa", Type.AAAA);
        Message aQuery = nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        Message result = answerA(aQuery, a("ipv4only.arpa", 86400, "192.0.0.170"), a("ipv4only.arpa", 86400, "192.0.0.171"));
        assertEquals(List.of("64:ff9b:1::c000:aa", "64:ff9b:1::c000:ab"), aaaaAddresses(result));
    }

    @Test
    @DisplayName("A-query policy \"empty\": an empty NOERROR answer at once (REPLY), from the server's address; \"pass\" forwards")
    void aQueryPolicy() throws Exception {
        Message query = withEdns(query("www.corp.example", Type.A), 1232, false);
        PacketBuffer packet = f.clientUdp(query);
        assertEquals(Verdict.REPLY, f.dns64.outbound(packet, f.session));
        assertEquals(f.server, DnsPackets.source(packet));
        assertEquals(Dns64Fixture.CLIENT, DnsPackets.destination(packet));
        assertEquals(Dns64Fixture.CLIENT_PORT, DnsPackets.destinationPort(packet, 40));
        Message result = udpMessage(packet);
        assertEquals(Rcode.NOERROR, result.getRcode());
        assertTrue(result.getHeader().getFlag(Flags.QR));
        assertTrue(result.getSection(Section.ANSWER).isEmpty());
        assertEquals(0x1234, result.getHeader().getID());
        assertEquals(1, result.getSection(Section.ADDITIONAL).size(), "EDNS answered with one OPT");
        assertEquals(Verdict.PASS, f.dns64.outbound(f.clientUdp(query("www.other.example", Type.A)), f.session));

        assertEquals("pass", Dns64Config.defaults().aQueries(), "the default keeps dual-stack clients working");
        Dns64Fixture pass = new Dns64Fixture(new Dns64Config(null, List.of("corp.example"), "pass", null, null, null));
        assertEquals(Verdict.PASS, pass.dns64.outbound(pass.clientUdp(query("www.corp.example", Type.A)), pass.session));
    }

    @Test
    @DisplayName("Malformed DNS is passed untouched and counted, never thrown (common.md: bad input)")
    void malformed() throws Exception {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'b', 'r', 'o'};
        PacketBuffer packet = Dns64Fixture.udp(Dns64Fixture.CLIENT, 40000, f.server, 53, garbage);
        byte[] before = packet.toByteArray();
        assertEquals(Verdict.PASS, f.dns64.outbound(packet, f.session));
        assertArrayEquals(before, packet.toByteArray());
        assertEquals(1, f.dns64.counters().malformed());

        Message query = query("www.corp.example", Type.AAAA);
        f.dns64.outbound(f.clientUdp(query), f.session);
        byte[] badAnswer = java.util.Arrays.copyOf(answer(query, Rcode.NOERROR).toWire(), 14);
        badAnswer[7] = 3; // three answers announced, none there
        PacketBuffer answerPacket = Dns64Fixture.udp(f.server, 53, Dns64Fixture.CLIENT, 40000, badAnswer);
        assertEquals(Verdict.PASS, f.dns64.inbound(answerPacket));
        assertEquals(2, f.dns64.counters().malformed());
        // Truncated IP packets are not DNS64's either.
        PacketBuffer cut = f.clientUdp(query);
        cut.setLength(30);
        assertEquals(Verdict.PASS, f.dns64.outbound(cut, f.session));
    }

    @Test
    @DisplayName("Bounded table (nat64-common.md): when full, queries pass untracked and are counted")
    void boundedTable() throws Exception {
        for (int i = 0; i < Dns64.MAX_PENDING + 5; i++) {
            Message query = query("n" + i + ".corp.example", Type.AAAA);
            query.getHeader().setID(i & 0xFFFF);
            PacketBuffer packet = Dns64Fixture.udp(Dns64Fixture.CLIENT, 1024 + i / 60000, f.server, 53, query.toWire());
            assertEquals(Verdict.PASS, f.dns64.outbound(packet, f.session));
        }
        assertEquals(Dns64.MAX_PENDING, f.dns64.pending().size());
        assertEquals(5, f.dns64.counters().tableFull());
        f.advance(Duration.ofSeconds(3));
        assertNotEquals(0, f.toServer.size(), "expired entries made room and sent A queries");
    }

    @Test
    @DisplayName("Uplink DNS suffixes are the default suffixes (brief: dns64.suffixes default)")
    void suffixesFromTheUplink() throws Exception {
        Dns64Fixture uplink = new Dns64Fixture(Dns64Config.defaults());
        uplink.dns64.outbound(uplink.clientUdp(query("www.corp.example", Type.AAAA)), uplink.session);
        assertEquals(1, uplink.dns64.pending().size());
        uplink.dns64.uplinkChanged(new dev.quetzal.api.backend.UplinkInfo(List.of(), List.of(Dns64Fixture.SERVER4),
                List.of("other.example"), List.of(), 1400));
        Message second = query("www.corp.example", Type.AAAA);
        second.getHeader().setID(1);
        uplink.dns64.outbound(uplink.clientUdp(second), uplink.session);
        assertEquals(1, uplink.dns64.pending().size(), "corp.example is no longer a suffix");
    }
}
