package dev.quetzal.examples.pcap;

import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes the classic libpcap capture format (draft-ietf-opsawg-pcap, "PCAP Capture File Format"):
 * a 24-byte file header, then per packet a 16-byte record header and the captured bytes.
 *
 * <p>Fields are written big-endian. The format uses the writer's byte order and readers tell it from
 * the magic number; a fixed order makes the files identical on every host. The link type is
 * LINKTYPE_RAW: each packet starts with its IPv4 or IPv6 header, which is what a filter sees. Not
 * thread-safe.
 */
final class PcapWriter implements Closeable {
    /** Magic number for microsecond timestamps. */
    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final int VERSION_MAJOR = 2;
    static final int VERSION_MINOR = 4;
    /** Raw IPv4/IPv6, from the tcpdump.org link-layer header type registry. */
    static final int LINKTYPE_RAW = 101;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private final DataOutputStream out;
    private final int snapLength;

    /** Writes the file header to {@code out}. */
    PcapWriter(OutputStream out, int snapLength) throws IOException {
        this.out = new DataOutputStream(out);
        this.snapLength = snapLength;
        this.out.writeInt(MAGIC_MICROSECONDS);
        this.out.writeShort(VERSION_MAJOR);
        this.out.writeShort(VERSION_MINOR);
        this.out.writeInt(0); // Reserved1, formerly the time zone: writers put 0
        this.out.writeInt(0); // Reserved2, formerly the timestamp accuracy: writers put 0
        this.out.writeInt(snapLength);
        this.out.writeInt(LINKTYPE_RAW); // no FCS bits: the upper bits of this field stay 0
    }

    /** Appends one packet record; bytes beyond the snap length are cut, the original length is kept. */
    void write(Instant time, byte[] packet, int offset, int length) throws IOException {
        int captured = Math.min(length, snapLength);
        out.writeInt((int) time.getEpochSecond()); // unsigned 32-bit seconds: good until 2106
        out.writeInt(time.getNano() / 1_000);
        out.writeInt(captured);
        out.writeInt(length);
        out.write(packet, offset, captured);
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
