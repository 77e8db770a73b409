package dev.quetzal.emulator.network;

import dev.quetzal.emulator.config.DnsZone;
import dev.quetzal.emulator.config.ZoneRecord;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The in-process network's DNS zone while the emulator runs: its records can be replaced at any time
 * (each change raises the SOA serial, RFC 1035 §3.3.13), and every question it is asked is counted and
 * kept in a short log, so that a test can tell which names reached the corporate DNS and which did not.
 * Thread-safe: queries read one immutable {@link DnsZoneResponder}.
 */
public final class DnsZoneServer {
    private static final Logger LOG = LoggerFactory.getLogger(DnsZoneServer.class);
    /** Questions kept in the log; older ones are forgotten (the counters go on). */
    static final int LOG_SIZE = 256;

    /** One question asked, as the log keeps it: name lower case without the trailing dot, type and response code as text. */
    public record Question(String name, String type, String rcode) {}

    private final DnsZone configured;
    private final LongAdder queries = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final ArrayDeque<Question> recent = new ArrayDeque<>(LOG_SIZE);
    private volatile DnsZone zone;
    private volatile DnsZoneResponder responder;
    private long serial = 1;

    /** Serves {@code zone}; a bad zone is an IllegalArgumentException. */
    public DnsZoneServer(DnsZone zone) {
        this.configured = zone;
        this.zone = zone;
        this.responder = new DnsZoneResponder(zone, serial);
    }

    /** The response to the query in {@code query[offset, offset + length)}, or null if it is not a query. */
    public byte[] answer(byte[] query, int offset, int length) {
        DnsZoneResponder.Answer answer = responder.answer(query, offset, length);
        if (answer == null) {
            return null;
        }
        queries.increment();
        if (answer.rcode() == Rcode.REFUSED) {
            refused.increment();
        }
        Question question = new Question(answer.name(), Type.string(answer.type()), Rcode.string(answer.rcode()));
        synchronized (recent) {
            if (recent.size() == LOG_SIZE) {
                recent.removeFirst();
            }
            recent.addLast(question);
        }
        return answer.wire();
    }

    /**
     * Replaces every record of the zone (origin, SOA and NS stay). Checked first: records that do not
     * fit the zone are an IllegalArgumentException and the zone stays as it was.
     */
    public synchronized void replaceRecords(List<ZoneRecord> records) {
        DnsZone next = new DnsZone(zone.origin(), records);
        DnsZoneResponder built = new DnsZoneResponder(next, serial + 1);
        serial++;
        zone = next;
        responder = built;
        LOG.info("DNS zone {} changed: serial {}, {} records", next.origin(), serial, next.records().size());
    }

    /** Back to the records the emulator was started with (with a new serial). */
    public void reset() {
        replaceRecords(configured.records());
    }

    /** The zone as it is now. */
    public DnsZone zone() {
        return zone;
    }

    /** Queries answered (well-formed DNS messages with QR clear), whatever the response code. */
    public long queries() {
        return queries.sum();
    }

    /** Queries answered REFUSED (names outside the zone, RFC 1035 §4.1.1). */
    public long refused() {
        return refused.sum();
    }

    /** The last {@value #LOG_SIZE} questions, oldest first. */
    public List<Question> questions() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Whether {@code name} (any case, trailing dot or not) is among the logged questions. */
    public boolean asked(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        String key = wanted.endsWith(".") ? wanted.substring(0, wanted.length() - 1) : wanted;
        return questions().stream().anyMatch(q -> q.name().equals(key));
    }
}
