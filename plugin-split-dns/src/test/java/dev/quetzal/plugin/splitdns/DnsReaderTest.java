package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import dev.quetzal.plugin.splitdns.dns.DnsReader;
import dev.quetzal.plugin.splitdns.dns.DnsWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The DNS message reader and writer against RFC 1035 §4.1 (format) and §4.1.4 (compression). */
final class DnsReaderTest {
    private static DnsMessage parse(byte[] bytes) {
        return assertInstanceOf(DnsMessage.Parsed.class, DnsReader.read(bytes, 0, bytes.length)).message();
    }

    private static String malformed(byte[] bytes) {
        return assertInstanceOf(DnsMessage.Malformed.class, DnsReader.read(bytes, 0, bytes.length)).reason();
    }

    @Test
    @DisplayName("RFC 1035 §4.1.4: owner names and CNAME targets compressed with pointers are read in full")
    void readsCompressedNames() {
        DnsBytes b = DnsBytes.response(0x1234, 1, 3);
        int question = b.offset();
        b.question("WWW.Corp.Example.", 1);
        // www.corp.example CNAME web.<pointer to corp.example>
        b.pointer(question).u16(5).u16(1).u32(300);
        int rdataAt = b.offset() + 2;
        b.u16(6).u16(0x0377).u16(0x6562).pointer(question + 4); // "\3web" then pointer
        b.pointer(rdataAt).addressData(120, "198.18.0.7");
        b.pointer(rdataAt).addressData(90, "2001:db8::7");
        byte[] bytes = b.toBytes();
        DnsMessage m = parse(bytes);
        assertEquals(0x1234, m.id());
        assertTrue(m.isResponse());
        assertEquals(List.of(new DnsMessage.Question("www.corp.example", 1, 1)), m.questions());
        assertEquals("web.corp.example", m.answers().get(0).target());
        assertEquals("web.corp.example", m.answers().get(1).name());
        assertEquals(IpAddress.parse("198.18.0.7"), m.answers().get(1).address());
        assertEquals(120, m.answers().get(1).ttl());
        assertEquals(IpAddress.parse("2001:db8::7"), m.answers().get(2).address());
        assertEquals(12 + 18 + 4, m.questionEnd());
    }

    @Test
    @DisplayName("RFC 1035 §4.1.3: records of other types keep their numbers but no data")
    void keepsUnknownTypes() {
        byte[] bytes = DnsBytes.response(1, 1, 1).question("corp.example", 99)
                .name("corp.example").u16(99).u16(1).u32(5).u16(3).bytes(new byte[] {1, 2, 3}).toBytes();
        DnsMessage.ResourceRecord r = parse(bytes).answers().getFirst();
        assertEquals(99, r.type());
        assertNull(r.address());
        assertNull(r.target());
    }

    @Test
    @DisplayName("RFC 2181 §8: a TTL with the top bit set counts as zero")
    void topBitTtlIsZero() {
        byte[] bytes = DnsBytes.response(1, 0, 1).address("a.corp.example", 0x80000000L, "198.18.0.1").toBytes();
        assertEquals(0, parse(bytes).answers().getFirst().ttl());
    }

    @Test
    @DisplayName("RFC 1035 §4.1: bad messages give a reason, never an exception")
    void malformedMessages() {
        byte[] good = DnsBytes.response(1, 1, 1).question("corp.example", 1).address("corp.example", 60, "198.18.0.1").toBytes();
        assertTrue(malformed(Arrays.copyOf(good, 11)).contains("header"));
        for (int cut = 12; cut < good.length; cut++) {
            assertTrue(malformed(Arrays.copyOf(good, cut)).contains("truncated"), "cut at " + cut);
        }
        // A pointer to itself, and one pointing forwards, would loop or read ahead (RFC 1035 §4.1.4).
        assertTrue(malformed(DnsBytes.response(1, 1, 0).pointer(12).u16(1).u16(1).toBytes()).contains("backwards"));
        assertTrue(malformed(DnsBytes.response(1, 1, 0).pointer(20).u16(1).u16(1).u16(0).u16(0).toBytes()).contains("backwards"));
        // Label types 01 and 10 are reserved (RFC 1035 §4.1.4, RFC 6891 §5).
        assertTrue(malformed(DnsBytes.response(1, 1, 0).u16(0x4000).u16(1).u16(1).toBytes()).contains("label type"));
        // An A record must carry 4 bytes.
        byte[] shortA = DnsBytes.response(1, 0, 1).name("corp.example").u16(1).u16(1).u32(60).u16(3).bytes(new byte[3]).toBytes();
        assertTrue(malformed(shortA).contains("A record data of 3 bytes"));
        // Names longer than 255 bytes (RFC 1035 §2.3.4).
        DnsBytes longName = DnsBytes.response(1, 1, 0);
        for (int i = 0; i < 5; i++) {
            longName.u16(0x3F00).bytes(new byte[62]); // a 63-byte label: its length byte and 63 bytes
        }
        longName.u16(0).u16(1).u16(1);
        assertTrue(malformed(longName.toBytes()).contains("255"));
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: queries and answers from the writer read back field by field")
    void writerRoundTrip() {
        DnsMessage query = parse(DnsWriter.query(0xBEEF, "corp.example", DnsMessage.TYPE_AAAA));
        assertEquals(0xBEEF, query.id());
        assertEquals(0x0100, query.flags());
        assertEquals(List.of(new DnsMessage.Question("corp.example", 28, 1)), query.questions());
        byte[] answer = DnsWriter.answer(7, 0x0100, new DnsMessage.Question("host.example", 1, 1),
                DnsMessage.RCODE_NOERROR, List.of(IpAddress.parse("127.0.0.2"), IpAddress.parse("127.0.0.3")), 60);
        DnsMessage m = parse(answer);
        assertTrue(m.isResponse());
        assertEquals(0x8180, m.flags());
        assertEquals(List.of(IpAddress.parse("127.0.0.2"), IpAddress.parse("127.0.0.3")),
                m.answers().stream().map(DnsMessage.ResourceRecord::address).toList());
        assertEquals("host.example", m.answers().getFirst().name());
        DnsMessage refused = parse(DnsWriter.answer(8, 0, new DnsMessage.Question("x.example", 1, 1),
                DnsMessage.RCODE_NXDOMAIN, List.of(), 60));
        assertEquals(DnsMessage.RCODE_NXDOMAIN, refused.rcode());
        assertTrue(refused.answers().isEmpty());
    }
}
