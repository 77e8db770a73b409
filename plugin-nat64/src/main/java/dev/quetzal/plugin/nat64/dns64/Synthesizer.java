package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The DNS64 answer rules of RFC 6147 §5.1 and §5.3–5.5 on parsed messages, with no I/O: what to do
 * with an upstream AAAA answer, and how to turn an A answer into the client's AAAA answer.
 * Thread-safe (immutable).
 */
public final class Synthesizer {
    /** RFC 6147 §5.1.7: the synthesized TTL when the AAAA answer gave no SOA. */
    static final long DEFAULT_NEGATIVE_TTL = 600;

    private final List<IpPrefix> exclude;
    private final AddressSynthesis addresses;

    public Synthesizer(List<IpPrefix> exclude, AddressSynthesis addresses) {
        this.exclude = List.copyOf(exclude);
        this.addresses = addresses;
    }

    /** What an upstream answer to the client's AAAA query leads to. */
    public sealed interface AaaaOutcome {
        /** Give the answer to the client unchanged. */
        record PassOn() implements AaaaOutcome {}

        /** Give the client this instead (the answer without its excluded AAAA records). */
        record Replace(Message answer) implements AaaaOutcome {}

        /**
         * Ask for A records and synthesize (RFC 6147 §5.1.6); {@code ttlCap} is the negative-caching
         * TTL of the AAAA answer's SOA, or {@link #DEFAULT_NEGATIVE_TTL} without one.
         */
        record LookUpA(long ttlCap) implements AaaaOutcome {}
    }

    private static final AaaaOutcome PASS_ON = new AaaaOutcome.PassOn();

    /** RFC 6147 §5.1.1–5.1.4 and §5.1.6. */
    public AaaaOutcome onAaaaAnswer(Message answer) {
        int rcode = answer.getRcode();
        switch (rcode) {
            case Rcode.NOERROR -> {
                // RFC 6147 §5.4 / RFC 1035 §4.2.1: a truncated answer goes to the client, which retries over TCP.
                if (answer.getHeader().getFlag(Flags.TC)) {
                    return PASS_ON;
                }
                List<Record> records = answer.getSection(Section.ANSWER);
                int kept = 0;
                int excluded = 0;
                for (Record record : records) {
                    if (record instanceof AAAARecord aaaa) {
                        if (isExcluded(aaaa)) {
                            excluded++;
                        } else {
                            kept++;
                        }
                    }
                }
                if (kept > 0 && excluded == 0) {
                    return PASS_ON; // §5.1.1: real AAAA records, no synthesis
                }
                if (kept > 0) {
                    return new AaaaOutcome.Replace(withoutExcluded(answer)); // §5.1.4: SHOULD drop the excluded ones
                }
                return new AaaaOutcome.LookUpA(negativeTtl(answer)); // NODATA, or only excluded records
            }
            // §5.1.2: NXDOMAIN is final. §5.1.3: other errors count as "no AAAA", try A.
            case Rcode.SERVFAIL, Rcode.REFUSED, Rcode.NOTIMP, Rcode.FORMERR -> {
                return new AaaaOutcome.LookUpA(DEFAULT_NEGATIVE_TTL);
            }
            default -> {
                return PASS_ON;
            }
        }
    }

    private boolean isExcluded(AAAARecord aaaa) {
        Ipv6Address address = ipv6Of(aaaa.getAddress());
        for (IpPrefix prefix : exclude) {
            if (prefix.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The record's 16 bytes; Java shows IPv4-mapped addresses (::ffff:a.b.c.d) as IPv4, so they are put back. */
    static Ipv6Address ipv6Of(java.net.InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return new Ipv6Address(0, 0xFFFF00000000L | (Ipv4Address.of(bytes).bits() & 0xFFFFFFFFL));
        }
        return Ipv6Address.of(bytes);
    }

    private Message withoutExcluded(Message answer) {
        Message copy = answer.clone();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof AAAARecord aaaa && isExcluded(aaaa)) {
                copy.removeRecord(record, Section.ANSWER);
            }
        }
        return copy;
    }

    /** RFC 2308 §5: a negative answer is cached for min(SOA TTL, SOA MINIMUM); RFC 6147 §5.1.7 caps at that. */
    static long negativeTtl(Message answer) {
        for (Record record : answer.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa) {
                return Math.min(soa.getTTL(), soa.getMinimum());
            }
        }
        return DEFAULT_NEGATIVE_TTL;
    }

    /**
     * The client's AAAA answer made from {@code aAnswer} (RFC 6147 §5.1.5, §5.1.7, §5.3.2, §5.4, §5.5),
     * or null when it holds no A record to synthesize from (then the caller returns the earlier answer).
     *
     * @param query the client's query: its ID and question (with the client's 0x20 letter case) are kept
     */
    public Message synthesize(Message query, Message aAnswer, long ttlCap) {
        return synthesize(query, aAnswer, ttlCap, List.of());
    }

    /** As {@link #synthesize(Message, Message, long)}, after {@code chain}: the links DNS64 followed itself (§5.1.5). */
    public Message synthesize(Message query, Message aAnswer, long ttlCap, List<Record> chain) {
        if (aAnswer.getRcode() != Rcode.NOERROR) {
            return null;
        }
        List<Record> answers = new ArrayList<>(chain);
        int synthesized = 0;
        for (Record record : aAnswer.getSection(Section.ANSWER)) {
            if (record instanceof ARecord a) {
                Ipv6Address ipv6 = addresses.toIpv6(Ipv4Address.of(a.getAddress().getAddress()));
                if (ipv6 != null) {
                    answers.add(new AAAARecord(a.getName(), DClass.IN, Math.min(a.getTTL(), ttlCap), ipv6.toInetAddress()));
                    synthesized++;
                }
            } else if (!coversA(record)) {
                answers.add(record); // the CNAME/DNAME chain (§5.1.5), kept in order
            }
        }
        if (synthesized == 0) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        copyHeader(aAnswer.getHeader(), query.getHeader(), response.getHeader());
        response.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record record : answers) {
            response.addRecord(record, Section.ANSWER);
        }
        copySection(aAnswer, response, Section.AUTHORITY);
        copyAdditional(query, aAnswer, response); // never synthesized into (§5.3.2)
        return response;
    }

    /**
     * The A answer shown to the client as the answer to its AAAA question, without its A records:
     * used when there is no AAAA answer to return (it timed out) and the A answer has nothing to synthesize.
     */
    public Message asAaaaAnswer(Message query, Message aAnswer) {
        Message response = new Message(query.getHeader().getID());
        copyHeader(aAnswer.getHeader(), query.getHeader(), response.getHeader());
        response.getHeader().setRcode(aAnswer.getRcode());
        response.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record record : aAnswer.getSection(Section.ANSWER)) {
            if (record.getType() != Type.A && !coversA(record)) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        copySection(aAnswer, response, Section.AUTHORITY);
        copyAdditional(query, aAnswer, response);
        return response;
    }

    /**
     * The CNAME links of {@code answer} from {@code name} on, in order (RFC 1034 §3.6.2); empty when
     * {@code name} is not an alias there. A DNAME comes with the CNAME it implies (RFC 6672 §3.4), so
     * following CNAMEs is enough. A loop ends the walk.
     */
    static List<Record> chainFrom(Name name, Message answer) {
        List<Record> links = new ArrayList<>();
        Name current = name;
        for (int step = 0; step < 16; step++) {
            Record next = null;
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record instanceof CNAMERecord && record.getName().equals(current)) {
                    next = record;
                    break;
                }
            }
            if (next == null || links.contains(next)) {
                break;
            }
            links.add(next);
            current = target(next);
            if (current == null) {
                break;
            }
        }
        return links;
    }

    /** Where a CNAME points; null for anything else. */
    static Name target(Record link) {
        return link instanceof CNAMERecord cname ? cname.getTarget() : null;
    }

    static boolean hasAddressFor(Name name, Message answer) {
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof ARecord && record.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** SERVFAIL for {@code query}, when neither the AAAA nor the A query got any answer (RFC 6147 §5.1.6). */
    public static Message serverFailure(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        copyFlag(query.getHeader(), header, Flags.RD);
        copyFlag(query.getHeader(), header, Flags.CD);
        header.setFlag(Flags.RA);
        header.setRcode(Rcode.SERVFAIL);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }

    /**
     * The empty NOERROR answer to an A query, when A queries for the suffixes are answered locally:
     * IPv6-only clients (Windows) then use the AAAA answer only.
     */
    public static Message emptyAnswer(Message query) {
        Message response = serverFailure(query);
        response.getHeader().setRcode(Rcode.NOERROR);
        if (query.getOPT() != null) {
            // RFC 6891 §7: answer EDNS with EDNS; our own, since the client's options are meant for the server.
            response.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0, query.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO),
                    Section.ADDITIONAL);
        }
        return response;
    }

    private static void copyHeader(Header from, Header query, Header to) {
        to.setFlag(Flags.QR);
        to.setOpcode(from.getOpcode());
        copyFlag(from, to, Flags.AA);
        copyFlag(from, to, Flags.TC);
        copyFlag(query, to, Flags.RD);
        copyFlag(from, to, Flags.RA);
        copyFlag(query, to, Flags.CD);
        // §5.5: we do not validate the synthesized data, so AD stays clear.
        to.setRcode(from.getRcode());
    }

    private static void copyFlag(Header from, Header to, int flag) {
        if (from.getFlag(flag)) {
            to.setFlag(flag);
        } else {
            to.unsetFlag(flag);
        }
    }

    /**
     * The A answer's additional section. Its OPT answers DNS64's own EDNS query, so it goes to the
     * client only if the client used EDNS too (RFC 6891 §7): one OPT at most, never one unasked for.
     */
    private static void copyAdditional(Message query, Message from, Message to) {
        boolean clientEdns = query.getOPT() != null;
        for (Record record : from.getSection(Section.ADDITIONAL)) {
            if (!coversA(record) && (clientEdns || record.getType() != Type.OPT)) {
                to.addRecord(record, Section.ADDITIONAL);
            }
        }
    }

    private static void copySection(Message from, Message to, int section) {
        for (Record record : from.getSection(section)) {
            if (!coversA(record)) {
                to.addRecord(record, section);
            }
        }
    }

    /** RRSIG(A) cannot sign a synthesized AAAA; dropped (our choice, RFC 6147 §5.5 leaves it open). */
    private static boolean coversA(Record record) {
        return record instanceof RRSIGRecord sig && sig.getTypeCovered() == Type.A;
    }
}
