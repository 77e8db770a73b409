package dev.quetzal.plugin.splitdns.dns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.splitdns.DomainName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the header, question and answer sections of a DNS message (RFC 1035 §4.1), following name
 * compression pointers (§4.1.4) only backwards, so a loop cannot exist.
 */
public final class DnsReader {
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_RECORDS = 256;

    private final byte[] data;
    private final int start;
    private final int end;

    private DnsReader(byte[] data, int offset, int length) {
        this.data = data;
        this.start = offset;
        this.end = offset + length;
    }

    /** Parses {@code length} bytes of {@code data} from {@code offset}. Never throws on bad input. */
    public static DnsMessage.Parse read(byte[] data, int offset, int length) {
        try {
            return new DnsMessage.Parsed(new DnsReader(data, offset, length).message());
        } catch (MalformedException e) {
            return new DnsMessage.Malformed(e.getMessage());
        }
    }

    private DnsMessage message() {
        if (end - start < DnsMessage.HEADER_LENGTH) {
            throw new MalformedException("shorter than the 12-byte header");
        }
        int id = u16(start);
        int flags = u16(start + 2);
        int qdCount = u16(start + 4);
        int anCount = u16(start + 6);
        if (qdCount > MAX_RECORDS || anCount > MAX_RECORDS) {
            throw new MalformedException("more than " + MAX_RECORDS + " records in a section");
        }
        int at = start + DnsMessage.HEADER_LENGTH;
        List<DnsMessage.Question> questions = new ArrayList<>(qdCount);
        for (int i = 0; i < qdCount; i++) {
            StringBuilder name = new StringBuilder();
            at = name(at, name);
            need(at, 4);
            questions.add(new DnsMessage.Question(DomainName.normalize(name.toString()), u16(at), u16(at + 2)));
            at += 4;
        }
        int questionEnd = at - start;
        List<DnsMessage.ResourceRecord> answers = new ArrayList<>(anCount);
        for (int i = 0; i < anCount; i++) {
            StringBuilder name = new StringBuilder();
            at = name(at, name);
            need(at, 10);
            int type = u16(at);
            int rclass = u16(at + 2);
            long ttl = u32(at + 4);
            int rdLength = u16(at + 8);
            at += 10;
            need(at, rdLength);
            answers.add(record(DomainName.normalize(name.toString()), type, rclass, ttl, at, rdLength));
            at += rdLength;
        }
        return new DnsMessage(id, flags, questions, answers, questionEnd);
    }

    private DnsMessage.ResourceRecord record(String name, int type, int rclass, long ttl, int rdata, int rdLength) {
        // RFC 2181 §8: a TTL with the top bit set counts as zero.
        long seconds = ttl > Integer.MAX_VALUE ? 0 : ttl;
        if (rclass == DnsMessage.CLASS_IN && type == DnsMessage.TYPE_A) {
            expectLength(rdLength, 4, "A");
            return new DnsMessage.ResourceRecord(name, type, rclass, seconds, address(rdata, 4), null);
        }
        if (rclass == DnsMessage.CLASS_IN && type == DnsMessage.TYPE_AAAA) {
            expectLength(rdLength, 16, "AAAA");
            return new DnsMessage.ResourceRecord(name, type, rclass, seconds, address(rdata, 16), null);
        }
        if (type == DnsMessage.TYPE_CNAME) {
            StringBuilder target = new StringBuilder();
            int after = name(rdata, target);
            if (after != rdata + rdLength) {
                throw new MalformedException("CNAME data does not end with its name");
            }
            return new DnsMessage.ResourceRecord(name, type, rclass, seconds, null, DomainName.normalize(target.toString()));
        }
        return new DnsMessage.ResourceRecord(name, type, rclass, seconds, null, null);
    }

    /** Reads a possibly compressed name at {@code at} into {@code out}; returns the offset after it in place. */
    private int name(int at, StringBuilder out) {
        int cursor = at;
        int after = -1;
        int length = 0;
        while (true) {
            need(cursor, 1);
            int label = data[cursor] & 0xFF;
            if ((label & 0xC0) == 0xC0) {
                need(cursor, 2);
                int pointer = start + (((label & 0x3F) << 8) | (data[cursor + 1] & 0xFF));
                if (pointer >= cursor) {
                    throw new MalformedException("compression pointer does not point backwards");
                }
                if (after < 0) {
                    after = cursor + 2;
                }
                cursor = pointer;
                continue;
            }
            if ((label & 0xC0) != 0) {
                throw new MalformedException("label type " + (label >>> 6) + " is not defined");
            }
            if (label == 0) {
                return after < 0 ? cursor + 1 : after;
            }
            need(cursor + 1, label);
            length += label + 1;
            if (length > MAX_NAME_LENGTH) {
                throw new MalformedException("name longer than 255 bytes");
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            for (int i = cursor + 1; i <= cursor + label; i++) {
                out.append((char) (data[i] & 0xFF));
            }
            cursor += label + 1;
        }
    }

    private IpAddress address(int at, int size) {
        return IpAddress.of(Arrays.copyOfRange(data, at, at + size));
    }

    private static void expectLength(int rdLength, int expected, String type) {
        if (rdLength != expected) {
            throw new MalformedException(type + " record data of " + rdLength + " bytes, expected " + expected);
        }
    }

    private void need(int at, int n) {
        if (at < start || n < 0 || at + n > end) {
            throw new MalformedException("truncated at byte " + (at - start));
        }
    }

    private int u16(int at) {
        need(at, 2);
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private long u32(int at) {
        return ((long) u16(at) << 16) | u16(at + 2);
    }

    /** Internal: unwinds the reader to {@link #read}, which turns it into a result. */
    private static final class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }
}
