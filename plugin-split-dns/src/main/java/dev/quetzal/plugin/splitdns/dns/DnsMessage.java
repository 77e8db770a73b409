package dev.quetzal.plugin.splitdns.dns;

import dev.quetzal.api.net.IpAddress;
import java.util.List;

/**
 * The parts of a DNS message (RFC 1035 §4.1) the filter uses: the header, the question section and
 * the answer section. The authority and additional sections are not read.
 *
 * @param id the query identifier (RFC 1035 §4.1.1)
 * @param flags the second header word: QR, opcode, AA, TC, RD, RA, Z and RCODE
 * @param questions the question section
 * @param answers the answer section
 * @param questionEnd the offset just past the question section, where a REFUSED answer ends
 */
public record DnsMessage(int id, int flags, List<Question> questions, List<ResourceRecord> answers, int questionEnd) {
    public static final int HEADER_LENGTH = 12;
    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_AAAA = 28;
    public static final int CLASS_IN = 1;
    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_REFUSED = 5;
    static final int FLAG_QR = 0x8000;
    static final int FLAG_RD = 0x0100;
    static final int FLAG_RA = 0x0080;

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
    }

    /** True for a response (QR set), false for a query. */
    public boolean isResponse() {
        return (flags & FLAG_QR) != 0;
    }

    /** OPCODE, 0 for a standard query. */
    public int opcode() {
        return (flags >>> 11) & 0xF;
    }

    public int rcode() {
        return flags & 0xF;
    }

    /** One entry of the question section; {@code name} is normalized (lower case, no trailing dot). */
    public record Question(String name, int type, int qclass) {}

    /**
     * One resource record. {@code address} is set for A and AAAA, {@code target} (normalized) for
     * CNAME; records of other types keep only their numbers.
     */
    public record ResourceRecord(String name, int type, int rclass, long ttl, IpAddress address, String target) {}

    /** What reading a message gave: a message or why it is not one. */
    public sealed interface Parse {}

    /** A message that parsed. */
    public record Parsed(DnsMessage message) implements Parse {}

    /** Bytes that are not a DNS message, and why. */
    public record Malformed(String reason) implements Parse {}
}
