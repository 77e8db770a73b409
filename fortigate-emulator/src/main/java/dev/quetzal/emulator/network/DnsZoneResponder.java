package dev.quetzal.emulator.network;

import dev.quetzal.emulator.config.DnsZone;
import dev.quetzal.emulator.config.ZoneRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative server for one zone (RFC 1034 §4.3.2, RFC 2308 for negative answers): names in the
 * zone without records are NXDOMAIN, names with records but not of the asked type NODATA (both with
 * the SOA), names outside the zone REFUSED. CNAMEs inside the zone are followed. Each record carries its
 * own TTL (RFC 1035 §4.1.3); the SOA and NS use 60 s, which is also the negative-caching TTL (RFC 2308
 * §5). Immutable: a changed zone is a new responder. dnsjava parses and builds the messages.
 */
public final class DnsZoneResponder {
    private static final long TTL = 60;

    /**
     * What {@link #answer} made of one query: the response and, for the query log, the question
     * (lower case, without the trailing dot; empty if there was none) and the response code.
     */
    public record Answer(byte[] wire, String name, int type, int rcode) {}

    private final Name origin;
    private final SOARecord soa;
    private final Map<Name, List<Record>> names = new HashMap<>();

    public DnsZoneResponder(DnsZone zone) {
        this(zone, 1);
    }

    /** @param serial the SOA serial (RFC 1035 §3.3.13), raised by whoever replaces the zone's records */
    public DnsZoneResponder(DnsZone zone, long serial) {
        try {
            this.origin = Name.fromString(zone.origin(), Name.root);
            Name ns = Name.fromString("ns", origin);
            this.soa = new SOARecord(origin, DClass.IN, TTL, ns, Name.fromString("hostmaster", origin),
                    serial, 3600, 600, 86400, TTL);
            add(soa);
            add(new NSRecord(origin, DClass.IN, TTL, ns));
            for (ZoneRecord record : zone.records()) {
                add(toRecord(record));
            }
        } catch (TextParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad DNS zone " + zone.origin() + ": " + e.getMessage(), e);
        }
    }

    private void add(Record record) {
        names.computeIfAbsent(record.getName(), n -> new ArrayList<>()).add(record);
    }

    private Record toRecord(ZoneRecord record) throws TextParseException {
        Name name = Name.fromString(record.name(), origin);
        if (!name.subdomain(origin)) {
            throw new IllegalArgumentException(record.name() + " is outside the zone");
        }
        long ttl = record.ttlSeconds();
        return switch (record.type()) {
            case "A" -> new ARecord(name, DClass.IN, ttl, address(record.value(), 4));
            case "AAAA" -> new AAAARecord(name, DClass.IN, ttl, address(record.value(), 16));
            case "CNAME" -> new CNAMERecord(name, DClass.IN, ttl, Name.fromString(record.value(), origin));
            default -> new TXTRecord(name, DClass.IN, ttl, record.value());
        };
    }

    private static InetAddress address(String text, int length) {
        InetAddress address = InetAddress.ofLiteral(text);
        if (address.getAddress().length != length) {
            throw new IllegalArgumentException("expected an IPv" + (length == 4 ? 4 : 6) + " address, got " + text);
        }
        return address;
    }

    /** The response to the query in {@code query[offset, offset + length)}, or null if it is not a query. */
    public Answer answer(byte[] query, int offset, int length) {
        Message request;
        try {
            byte[] wire = new byte[length];
            System.arraycopy(query, offset, wire, 0, length);
            request = new Message(wire);
        } catch (IOException e) {
            return null;
        }
        if (request.getHeader().getFlag(Flags.QR)) {
            return null;
        }
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (request.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = request.getQuestion();
        if (request.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            response.getHeader().setRcode(request.getHeader().getOpcode() != Opcode.QUERY ? Rcode.NOTIMP : Rcode.FORMERR);
            return finish(response, question);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!name.subdomain(origin) || question.getDClass() != DClass.IN) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return finish(response, question);
        }
        response.getHeader().setFlag(Flags.AA);
        resolve(response, name, question.getType());
        return finish(response, question);
    }

    private static Answer finish(Message response, Record question) {
        String name = question == null ? "" : question.getName().toString(true).toLowerCase(Locale.ROOT);
        return new Answer(response.toWire(), name, question == null ? 0 : question.getType(),
                response.getHeader().getRcode());
    }

    private void resolve(Message response, Name name, int type) {
        for (int hops = 0; hops < 8; hops++) {
            List<Record> records = names.get(name);
            if (records == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                response.addRecord(soa, Section.AUTHORITY);
                return;
            }
            boolean found = false;
            Name next = null;
            for (Record record : records) {
                if (record.getType() == type || type == Type.ANY) {
                    response.addRecord(record, Section.ANSWER);
                    found = true;
                } else if (record instanceof CNAMERecord cname) {
                    response.addRecord(cname, Section.ANSWER);
                    next = cname.getTarget();
                }
            }
            if (found) {
                return;
            }
            if (next == null) {
                response.addRecord(soa, Section.AUTHORITY);
                return;
            }
            if (!next.subdomain(origin)) {
                return;
            }
            name = next;
        }
    }
}
