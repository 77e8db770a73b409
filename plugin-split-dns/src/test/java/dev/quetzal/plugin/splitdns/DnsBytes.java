package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.net.IpAddress;
import java.io.ByteArrayOutputStream;

/**
 * Writes DNS messages byte by byte for tests, independently of the filter's own writer, including
 * compression pointers (RFC 1035 §4.1.4) and deliberately broken ones.
 */
final class DnsBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A header (RFC 1035 §4.1.1) with the given flags word and section counts; authority and additional empty. */
    static DnsBytes header(int id, int flags, int questions, int answers) {
        DnsBytes b = new DnsBytes();
        b.u16(id).u16(flags).u16(questions).u16(answers).u16(0).u16(0);
        return b;
    }

    /** A response with RD, RA and NOERROR. */
    static DnsBytes response(int id, int questions, int answers) {
        return header(id, 0x8180, questions, answers);
    }

    /** A standard recursive query. */
    static DnsBytes query(int id, String name, int type) {
        return header(id, 0x0100, 1, 0).question(name, type);
    }

    int offset() {
        return out.size();
    }

    DnsBytes name(String name) {
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return this;
    }

    DnsBytes pointer(int offset) {
        return u16(0xC000 | offset);
    }

    DnsBytes question(String name, int type) {
        return name(name).u16(type).u16(1);
    }

    /** An A or AAAA record with an uncompressed owner name. */
    DnsBytes address(String owner, long ttl, String address) {
        return name(owner).addressData(ttl, address);
    }

    /** The part of an A or AAAA record after its owner name. */
    DnsBytes addressData(long ttl, String address) {
        byte[] bytes = IpAddress.parse(address).toBytes();
        return u16(bytes.length == 4 ? 1 : 28).u16(1).u32(ttl).u16(bytes.length).bytes(bytes);
    }

    /** A CNAME record, owner and target uncompressed. */
    DnsBytes cname(String owner, long ttl, String target) {
        DnsBytes rdata = new DnsBytes().name(target);
        return name(owner).u16(5).u16(1).u32(ttl).u16(rdata.out.size()).bytes(rdata.toBytes());
    }

    DnsBytes u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    DnsBytes u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value);
    }

    DnsBytes bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
