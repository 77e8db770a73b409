package dev.quetzal.examples.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

// Checks PcapWriter's bytes against draft-ietf-opsawg-pcap, "PCAP Capture File Format": the "File
// Header" section (magic 0xA1B2C3D4 for microsecond timestamps, version 2.4, two reserved words
// written as 0, SnapLen, LinkType) and the "Packet Record" section (seconds, microseconds, captured
// length, original length, then the captured bytes). LinkType 101 is LINKTYPE_RAW in the tcpdump.org
// link-layer header types registry (https://www.tcpdump.org/linktypes.html): raw IPv4 or IPv6.
final class PcapWriterTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 2025-01-02T03:04:05Z is 1735787045 = 0x67760225 seconds; 678901 µs = 0x000a5bf5. */
    private static final Instant TIME = Instant.parse("2025-01-02T03:04:05.678901999Z");

    @Test
    void writesFileHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new PcapWriter(out, 65535).flush();

        assertEquals("a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "00000065", HEX.formatHex(out.toByteArray()));
    }

    @Test
    void writesPacketRecordWithMicrosecondTimestamp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter writer = new PcapWriter(out, 65535);
        byte[] array = HEX.parseHex("ffff" + "4500001c" + "ffff"); // the packet sits between other bytes of its buffer

        writer.write(TIME, array, 2, 4);
        writer.flush();

        assertEquals("67760225" + "000a5bf5" + "00000004" + "00000004" + "4500001c", recordsOf(out));
    }

    @Test
    void cutsPacketsLongerThanTheSnapLengthAndKeepsTheOriginalLength() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter writer = new PcapWriter(out, 64);
        byte[] packet = new byte[100];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) i;
        }

        writer.write(TIME, packet, 0, packet.length);
        writer.flush();

        byte[] first64 = new byte[64];
        System.arraycopy(packet, 0, first64, 0, 64);
        assertEquals("00000040", HEX.formatHex(out.toByteArray(), 16, 20)); // SnapLen in the file header
        assertEquals("67760225" + "000a5bf5" + "00000040" + "00000064" + HEX.formatHex(first64), recordsOf(out));
    }

    private static String recordsOf(ByteArrayOutputStream out) {
        byte[] file = out.toByteArray();
        return HEX.formatHex(file, PcapWriter.FILE_HEADER_LENGTH, file.length);
    }
}
