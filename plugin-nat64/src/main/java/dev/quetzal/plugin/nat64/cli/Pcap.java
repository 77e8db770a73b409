package dev.quetzal.plugin.nat64.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic pcap file format (draft-ietf-opsawg-pcap §4-5): microsecond or nanosecond
 * timestamps, either byte order on input; raw IP link types only.
 */
final class Pcap {
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int MAX_SNAPLEN = 262144;

    /** One captured packet; {@code fraction} is in the file's unit (micro- or nanoseconds). */
    record Record(long seconds, long fraction, byte[] data) {}

    /** A whole file. */
    record File(boolean nanos, int linkType, List<Record> records) {}

    /** A file that is not a raw-IP pcap, with a one-line reason. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private Pcap() {}

    static File read(InputStream in) throws IOException, FormatException {
        byte[] header = readFully(in, 24, "the 24-byte file header");
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        int magic = h.getInt(0);
        ByteOrder order;
        boolean nanos;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
        } else {
            throw new FormatException(String.format("not a pcap file (magic %08x); pcapng is not supported", magic));
        }
        h.order(order);
        int linkType = h.getInt(20) & 0x0FFFFFFF; // the top bits carry FCS information
        if (linkType != LINKTYPE_RAW && linkType != LINKTYPE_IPV4 && linkType != LINKTYPE_IPV6) {
            throw new FormatException("link type " + linkType + " is not raw IP (expected 101, 228 or 229)");
        }
        List<Record> records = new ArrayList<>();
        while (true) {
            byte[] rh = readRecordHeader(in);
            if (rh == null) {
                break;
            }
            ByteBuffer r = ByteBuffer.wrap(rh).order(order);
            long seconds = r.getInt(0) & 0xFFFFFFFFL;
            long fraction = r.getInt(4) & 0xFFFFFFFFL;
            long captured = r.getInt(8) & 0xFFFFFFFFL;
            long original = r.getInt(12) & 0xFFFFFFFFL;
            if (captured > MAX_SNAPLEN) {
                throw new FormatException("packet " + (records.size() + 1) + " claims " + captured + " bytes");
            }
            if (captured < original) {
                throw new FormatException("packet " + (records.size() + 1) + " was cut short by the capture ("
                        + captured + " of " + original + " bytes)");
            }
            records.add(new Record(seconds, fraction, readFully(in, (int) captured, "packet " + (records.size() + 1))));
        }
        return new File(nanos, linkType, records);
    }

    static void writeHeader(OutputStream out, boolean nanos) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        h.putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(MAX_SNAPLEN).putInt(LINKTYPE_RAW);
        out.write(h.array());
    }

    static void writeRecord(OutputStream out, long seconds, long fraction, byte[] data, int from, int length)
            throws IOException {
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        r.putInt((int) seconds).putInt((int) fraction).putInt(length).putInt(length);
        out.write(r.array());
        out.write(data, from, length);
    }

    private static byte[] readRecordHeader(InputStream in) throws IOException, FormatException {
        byte[] b = new byte[16];
        int n = in.readNBytes(b, 0, 16);
        if (n == 0) {
            return null;
        }
        if (n < 16) {
            throw new FormatException("truncated record header after the last whole packet");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException, FormatException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new FormatException("truncated file: " + what + " has " + b.length + " of " + n + " bytes");
        }
        return b;
    }
}
