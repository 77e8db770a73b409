package dev.quetzal.plugin.splitdns.dns;

import dev.quetzal.api.net.IpAddress;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Writes the few DNS messages the filter sends itself (RFC 1035 §4.1): queries and simple answers. */
public final class DnsWriter {
    /** RFC 1035 §4.1.4: a pointer to offset 12, where the question's name starts. */
    private static final int POINTER_TO_QUESTION = 0xC000 | DnsMessage.HEADER_LENGTH;

    private DnsWriter() {}

    /** A recursive query (RD set) for one name and type, class IN. */
    public static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(DnsMessage.HEADER_LENGTH + name.length() + 6);
        header(out, id, DnsMessage.FLAG_RD, 1, 0);
        question(out, name, type);
        return out.toByteArray();
    }

    /**
     * An answer to one question: {@code rcode}, and for NOERROR one A or AAAA record per address of
     * the question's family, with {@code ttl}. The RD bit is copied from the query's {@code flags}.
     */
    public static byte[] answer(int id, int queryFlags, DnsMessage.Question question, int rcode,
            List<IpAddress> addresses, long ttl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        int flags = DnsMessage.FLAG_QR | DnsMessage.FLAG_RA | (queryFlags & (DnsMessage.FLAG_RD | 0x7800)) | (rcode & 0xF);
        header(out, id, flags, 1, addresses.size());
        question(out, question.name(), question.type());
        for (IpAddress address : addresses) {
            byte[] bytes = address.toBytes();
            u16(out, POINTER_TO_QUESTION);
            u16(out, bytes.length == 4 ? DnsMessage.TYPE_A : DnsMessage.TYPE_AAAA);
            u16(out, DnsMessage.CLASS_IN);
            u16(out, (int) (ttl >>> 16));
            u16(out, (int) ttl);
            u16(out, bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int id, int flags, int qdCount, int anCount) {
        u16(out, id);
        u16(out, flags);
        u16(out, qdCount);
        u16(out, anCount);
        u16(out, 0);
        u16(out, 0);
    }

    private static void question(ByteArrayOutputStream out, String name, int type) {
        if (!name.isEmpty()) {
            for (String label : name.split("\\.")) {
                out.write(label.length());
                for (int i = 0; i < label.length(); i++) {
                    out.write(label.charAt(i));
                }
            }
        }
        out.write(0);
        u16(out, type);
        u16(out, DnsMessage.CLASS_IN);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
