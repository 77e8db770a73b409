package dev.quetzal.plugin.nat64.dns64;

import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.a;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.answer;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.name;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.query;
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

/** DNS64 over UDP, checklist items 7–13 of nat64-dns64.md (RFC 6147 §5.1.5–§5.5, RFC 7050), the A-query policy and bad input. */
final class Dns64AnswerTest {
    private final Dns64Fixture f = new Dns64Fixture();

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
        List<String> addresses = Dns64Fixture.aaaaAddresses(udpMessage(packet));
        assertEquals(List.of("64:ff9b::c000:aa"), addresses, "10.0.0.7 is not global: left out");
        assertEquals("64:ff9b:1::a00:7", f.synthesized("10.0.0.7"), "under 64:ff9b:1::/96 (RFC 8215) it is fine");
    }

    @Test
    @DisplayName("Checklist 8, RFC 6147 §5.1.5: a CNAME chain to an A-only name: the chain plus AAAA for its end")
    void cnameChain() throws Exception {
        Message query = query("alias.corp.example", Type.AAAA);
        Message nodata = answer(query, Rcode.NOERROR,
                new CNAMERecord(name("alias.corp.example"), DClass.IN, 300, name("mid.corp.example")),
                new CNAMERecord(name("mid.corp.example"), DClass.IN, 300, name("host.corp.example")));
        Message aQuery = f.nodataThenAQuery(query, nodata);
        assertEquals(name("alias.corp.example"), aQuery.getQuestion().getName(), "asks for the query name; the server follows");
        Message result = f.answerA(aQuery,
                new CNAMERecord(name("alias.corp.example"), DClass.IN, 300, name("mid.corp.example")),
                new CNAMERecord(name("mid.corp.example"), DClass.IN, 300, name("host.corp.example")),
                a("host.corp.example", 60, "10.5.5.5"));
        List<Record> answers = result.getSection(Section.ANSWER);
        assertEquals(3, answers.size());
        assertEquals(Type.CNAME, answers.get(0).getType());
        assertEquals(Type.CNAME, answers.get(1).getType());
        assertEquals(name("host.corp.example"), answers.get(2).getName());
        assertEquals(List.of(f.synthesized("10.5.5.5")), Dns64Fixture.aaaaAddresses(result));
    }

    @Test
    @DisplayName("Checklist 8, RFC 6147 §5.1.5: a chain the server did not follow (target outside its data) is followed with another A query")
    void chainFollowedByDns64() throws Exception {
        Message query = query("far.corp.example", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR,
                new CNAMERecord(name("far.corp.example"), DClass.IN, 300, name("host.branch.example"))));
        PacketBuffer partial = f.serverUdp(answer(aQuery, Rcode.NOERROR,
                new CNAMERecord(name("far.corp.example"), DClass.IN, 300, name("host.branch.example"))));
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(partial), "no A for the chain's end: ask for it");
        Message second = udpMessage(f.toServer.removeLast());
        assertEquals(name("host.branch.example"), second.getQuestion().getName());
        assertEquals(Type.A, second.getQuestion().getType());
        Message result = f.answerA(second, a("host.branch.example", 60, "10.13.0.1"));
        List<Record> answers = result.getSection(Section.ANSWER);
        assertEquals(2, answers.size(), result::toString);
        assertEquals(Type.CNAME, answers.get(0).getType());
        assertEquals(name("host.branch.example"), answers.get(1).getName());
        assertEquals(List.of(f.synthesized("10.13.0.1")), Dns64Fixture.aaaaAddresses(result));
        assertEquals(query.getHeader().getID(), result.getHeader().getID());
        assertEquals(query.getQuestion(), result.getQuestion());
    }

    @Test
    @DisplayName("Checklist 8: a CNAME loop is not chased")
    void cnameLoop() throws Exception {
        Message query = query("loop.corp.example", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        PacketBuffer loop = f.serverUdp(answer(aQuery, Rcode.NOERROR,
                new CNAMERecord(name("loop.corp.example"), DClass.IN, 300, name("back.corp.example")),
                new CNAMERecord(name("back.corp.example"), DClass.IN, 300, name("loop.corp.example"))));
        assertEquals(Verdict.PASS, f.dns64.inbound(loop));
        assertTrue(f.toServer.isEmpty());
        assertEquals(Rcode.NOERROR, udpMessage(loop).getRcode(), "the AAAA answer goes back");
    }

    @Test
    @DisplayName("Checklist 9, RFC 6147 §5.4 and §5.3.2: ID and question (0x20 case) kept; authority and additional from the A answer; RRSIG(A) dropped")
    void assembly() throws Exception {
        Message query = query("MiXeD.CoRp.ExAmPlE", Type.AAAA);
        query.getHeader().setID(0xBEEF);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        Message aAnswer = answer(aQuery, Rcode.NOERROR, a("mixed.corp.example", 60, "10.6.6.6"),
                new RRSIGRecord(name("mixed.corp.example"), DClass.IN, 60, Type.A, 13, 60, java.time.Instant.EPOCH.plusSeconds(100000),
                        java.time.Instant.EPOCH, 1, name("corp.example"), new byte[64]));
        aAnswer.addRecord(new org.xbill.DNS.NSRecord(name("corp.example"), DClass.IN, 300, name("ns.corp.example")), Section.AUTHORITY);
        aAnswer.addRecord(a("ns.corp.example", 300, "10.6.6.1"), Section.ADDITIONAL);
        aAnswer.getHeader().setFlag(Flags.AA);
        Message result = f.answerA(aAnswer);
        assertEquals(0xBEEF, result.getHeader().getID());
        assertEquals("MiXeD.CoRp.ExAmPlE.", result.getQuestion().getName().toString(), "the client's letter case (0x20)");
        assertEquals(Type.AAAA, result.getQuestion().getType());
        assertTrue(result.getHeader().getFlag(Flags.QR));
        assertTrue(result.getHeader().getFlag(Flags.AA));
        assertEquals(List.of(f.synthesized("10.6.6.6")), Dns64Fixture.aaaaAddresses(result));
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
        Message aQuery = f.nodataThenAQuery(doOnly, answer(doOnly, Rcode.NOERROR));
        Message aAnswer = answer(aQuery, Rcode.NOERROR, a("signed.corp.example", 60, "10.7.7.7"));
        aAnswer.getHeader().setFlag(Flags.AD);
        Message result = f.answerA(aAnswer);
        assertFalse(result.getHeader().getFlag(Flags.AD), "never AD on what we made");
        assertEquals(1, Dns64Fixture.aaaaAddresses(result).size());
    }

    @Test
    @DisplayName("Checklist 11, RFC 6147 §5.3.1: PTR under the Pref64's ip6.arpa: asked as in-addr.arpa, answered with a CNAME to it plus its PTR")
    void ptr() throws Exception {
        Message query = Message.newQuery(Record.newRecord(
                org.xbill.DNS.ReverseMap.fromAddress(InetAddress.ofLiteral(f.synthesized("10.8.8.8"))), Type.PTR, DClass.IN));
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
        Message aQuery = f.nodataThenAQuery(plain, answer(plain, Rcode.NOERROR));
        PacketBuffer packet = f.serverUdp(answer(aQuery, Rcode.NOERROR, many));
        f.dns64.inbound(packet);
        assertTrue(Dns64Fixture.dnsBytes(packet).length <= 512, "at most 512 bytes");
        assertTrue(udpMessage(packet).getHeader().getFlag(Flags.TC), "TC=1: the client retries over TCP");

        Message edns = withEdns(query("big.corp.example", Type.AAAA), 4096, false);
        edns.getHeader().setID(4096);
        Message aQuery2 = f.nodataThenAQuery(edns, withEdns(answer(edns, Rcode.NOERROR), 4096, false));
        Message aAnswer = withEdns(answer(aQuery2, Rcode.NOERROR, many), 1232, false);
        PacketBuffer big = f.serverUdp(aAnswer);
        f.dns64.inbound(big);
        Message result = udpMessage(big);
        assertFalse(result.getHeader().getFlag(Flags.TC));
        assertEquals(40, Dns64Fixture.aaaaAddresses(result).size());
        assertEquals(1, result.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.OPT).count(), "one OPT");
    }

    @Test
    @DisplayName("Checklist 12, RFC 6891 §7: the OPT of DNS64's own A query is not passed to a client that sent none; kept once for one that did")
    void optOnlyForEdnsClients() throws Exception {
        Message plain = query("opt.corp.example", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(plain, answer(plain, Rcode.NOERROR));
        Message result = f.answerA(withEdns(answer(aQuery, Rcode.NOERROR, a("opt.corp.example", 60, "10.12.0.1")), 1232, false));
        assertNull(result.getOPT(), "no EDNS asked, none answered");

        Message edns = withEdns(query("opt.corp.example", Type.AAAA), 1232, false);
        edns.getHeader().setID(3);
        Message aQuery2 = f.nodataThenAQuery(edns, withEdns(answer(edns, Rcode.NOERROR), 1232, false));
        assertEquals(1, aQuery2.getSection(Section.ADDITIONAL).size(), "DNS64's query carries one OPT, not the client's too");
        Message result2 = f.answerA(withEdns(answer(aQuery2, Rcode.NOERROR, a("opt.corp.example", 60, "10.12.0.1")), 1232, false));
        assertEquals(1, result2.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.OPT).count());
    }

    @Test
    @DisplayName("Checklist 12, RFC 6147 §5.4: a truncated AAAA answer goes to the client as is; a truncated A answer keeps TC")
    void upstreamTruncation() throws Exception {
        Message query = query("tc.corp.example", Type.AAAA);
        Message truncated = answer(query, Rcode.NOERROR);
        truncated.getHeader().setFlag(Flags.TC);
        assertNull(f.nodataThenAQuery(query, truncated));

        Message second = query("tc2.corp.example", Type.AAAA);
        second.getHeader().setID(2);
        Message aQuery = f.nodataThenAQuery(second, answer(second, Rcode.NOERROR));
        Message aAnswer = answer(aQuery, Rcode.NOERROR, a("tc2.corp.example", 60, "10.11.0.1"));
        aAnswer.getHeader().setFlag(Flags.TC);
        assertTrue(f.answerA(aAnswer).getHeader().getFlag(Flags.TC));
    }

    @Test
    @DisplayName("Checklist 13, RFC 7050 §3: ipv4only.arpa is synthesized whatever the suffixes")
    void ipv4onlyArpa() throws Exception {
        Message query = query("ipv4only.arpa", Type.AAAA);
        Message aQuery = f.nodataThenAQuery(query, answer(query, Rcode.NOERROR));
        Message result = f.answerA(aQuery, a("ipv4only.arpa", 86400, "192.0.0.170"), a("ipv4only.arpa", 86400, "192.0.0.171"));
        assertEquals(List.of("64:ff9b:1::c000:aa", "64:ff9b:1::c000:ab"), Dns64Fixture.aaaaAddresses(result));
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
    @DisplayName("Malformed DNS is passed untouched and counted, never thrown")
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
    @DisplayName("Bounded pending-query table: when full, queries pass untracked and are counted")
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
    @DisplayName("Uplink DNS suffixes are the default suffixes (dns64.suffixes default)")
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
