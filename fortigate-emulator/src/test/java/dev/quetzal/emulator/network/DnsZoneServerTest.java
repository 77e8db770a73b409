package dev.quetzal.emulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.config.DnsZone;
import dev.quetzal.emulator.config.ZoneRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The emulator's DNS zone at run time: per-record TTLs, replacing records, the question log. */
final class DnsZoneServerTest {
    private static final DnsZone ZONE = new DnsZone("corp.example", List.of(
            new ZoneRecord("app", "A", "198.18.0.20", Duration.ofSeconds(2)),
            new ZoneRecord("intranet", "A", "198.18.0.10")));

    private final DnsZoneServer server = new DnsZoneServer(ZONE);

    private Message ask(String name, int type) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        query.getHeader().setFlag(Flags.RD);
        byte[] wire = query.toWire();
        byte[] padded = new byte[wire.length + 3];
        System.arraycopy(wire, 0, padded, 3, wire.length);
        return new Message(server.answer(padded, 3, wire.length));
    }

    /** The answer section's first record's TTL field, read from the wire (RFC 1035 §4.1.3: after NAME, TYPE, CLASS). */
    private static long wireTtl(byte[] response) {
        int offset = 12;
        while (response[offset] != 0) {
            offset += (response[offset] & 0xFF) + 1; // the question's name
        }
        offset += 1 + 4; // its root label, QTYPE, QCLASS
        // The answer's NAME is a compression pointer to the question (RFC 1035 §4.1.4): two octets.
        assertEquals(0xC0, response[offset] & 0xC0, "the answer's name is compressed");
        offset += 2 + 4;
        return ((response[offset] & 0xFFL) << 24) | ((response[offset + 1] & 0xFF) << 16)
                | ((response[offset + 2] & 0xFF) << 8) | (response[offset + 3] & 0xFF);
    }

    @Test
    @DisplayName("RFC 1035 §4.1.3: each answer carries its record's TTL in the 32-bit TTL field; 60 s by default")
    void ttlOnTheWire() throws Exception {
        Message app = ask("app.corp.example.", Type.A);
        assertEquals(2, app.getSection(Section.ANSWER).getFirst().getTTL());
        assertEquals(2, wireTtl(app.toWire()));
        Message intranet = ask("intranet.corp.example.", Type.A);
        assertEquals(60, intranet.getSection(Section.ANSWER).getFirst().getTTL());
        server.replaceRecords(List.of(new ZoneRecord("app", "A", "198.18.0.20", Duration.ZERO)));
        Message zero = ask("app.corp.example.", Type.A);
        assertEquals(0, wireTtl(zero.toWire()), "RFC 1035 §3.2.1: zero means use once, do not cache");
    }

    @Test
    @DisplayName("RFC 1035 §3.2.1, RFC 2181 §8: a TTL is whole seconds from 0 to 2^31 - 1; anything else is refused")
    void ttlRange() {
        assertEquals(Integer.MAX_VALUE, new ZoneRecord("a", "A", "198.18.0.1",
                Duration.ofSeconds(Integer.MAX_VALUE)).ttlSeconds());
        for (Duration bad : List.of(Duration.ofSeconds(-1), Duration.ofMillis(1500),
                Duration.ofSeconds(Integer.MAX_VALUE + 1L))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ZoneRecord("a", "A", "198.18.0.1", bad));
            assertTrue(e.getMessage().contains("expected a ttl of whole seconds"), e.getMessage());
        }
    }

    @Test
    @DisplayName("RFC 1034 §4.3.2, RFC 1035 §3.3.13: replaced records answer at once and the SOA serial goes up")
    void replaceRecords() throws Exception {
        long before = serial(ask("gone.corp.example.", Type.A));
        server.replaceRecords(List.of(new ZoneRecord("app", "A", "198.18.0.21", Duration.ofSeconds(1)),
                new ZoneRecord("app", "AAAA", "2001:db8:c0::21")));
        Message app = ask("app.corp.example.", Type.A);
        assertEquals("198.18.0.21", app.getSection(Section.ANSWER).getFirst().rdataToString());
        assertEquals(1, app.getSection(Section.ANSWER).getFirst().getTTL());
        Message intranet = ask("intranet.corp.example.", Type.A);
        assertEquals(Rcode.NXDOMAIN, intranet.getRcode(), "a record left out is gone");
        assertTrue(serial(intranet) > before, "RFC 1035 §3.3.13: a changed zone has a higher serial");
        assertEquals(2, server.zone().records().size());
    }

    @Test
    @DisplayName("a record outside the zone or with a bad address: IllegalArgumentException, the zone unchanged")
    void badReplacementChangesNothing() throws Exception {
        long serial = serial(ask("gone.corp.example.", Type.A));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> server.replaceRecords(
                List.of(new ZoneRecord("app.example.org.", "A", "198.18.0.30"))));
        assertTrue(outside.getMessage().contains("outside the zone"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server.replaceRecords(
                List.of(new ZoneRecord("app", "A", "2001:db8::1"))));
        assertEquals(ZONE, server.zone());
        assertEquals("198.18.0.20", ask("app.corp.example.", Type.A).getSection(Section.ANSWER).getFirst()
                .rdataToString());
        assertEquals(serial, serial(ask("gone.corp.example.", Type.A)));
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: every question is logged with its response code; REFUSED ones are counted")
    void questionLog() throws Exception {
        ask("App.Corp.Example.", Type.A);
        ask("www.example.org.", Type.AAAA);
        assertEquals(List.of(new DnsZoneServer.Question("app.corp.example", "A", "NOERROR"),
                new DnsZoneServer.Question("www.example.org", "AAAA", "REFUSED")), server.questions());
        assertEquals(2, server.queries());
        assertEquals(1, server.refused());
        assertTrue(server.asked("app.corp.example."));
        assertFalse(server.asked("intranet.corp.example"));
    }

    @Test
    @DisplayName("the log keeps the newest questions only; responses and garbage are not questions")
    void logBounded() throws Exception {
        for (int i = 0; i < DnsZoneServer.LOG_SIZE + 5; i++) {
            ask("n" + i + ".corp.example.", Type.A);
        }
        List<DnsZoneServer.Question> questions = server.questions();
        assertEquals(DnsZoneServer.LOG_SIZE, questions.size());
        assertEquals("n5.corp.example", questions.getFirst().name());
        assertEquals(DnsZoneServer.LOG_SIZE + 5, server.queries());
        assertNull(server.answer(new byte[] {1, 2, 3}, 0, 3));
        Message response = ask("app.corp.example.", Type.A);
        byte[] wire = response.toWire();
        assertNull(server.answer(wire, 0, wire.length), "a response (QR set) is not answered");
        assertEquals(DnsZoneServer.LOG_SIZE + 6, server.queries());
    }

    @Test
    @DisplayName("reset brings the configured records back")
    void reset() throws Exception {
        server.replaceRecords(List.of());
        assertEquals(Rcode.NXDOMAIN, ask("app.corp.example.", Type.A).getRcode());
        server.reset();
        assertEquals(ZONE.records(), server.zone().records());
        assertEquals(Rcode.NOERROR, ask("app.corp.example.", Type.A).getRcode());
    }

    private static long serial(Message negative) {
        return ((SOARecord) negative.getSection(Section.AUTHORITY).getFirst()).getSerial();
    }
}
