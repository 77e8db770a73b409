package dev.quetzal.plugin.nat64.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The classic pcap format (draft-ietf-opsawg-pcap §4-5) as the translate command reads and writes it. */
final class PcapTest {
    @Test
    @DisplayName("draft-ietf-opsawg-pcap §4: little-endian files with nanosecond timestamps are read; output keeps the unit")
    void readsLittleEndianNanoseconds() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B23C4D).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(228);
        b.putInt(7).putInt(999_999_999).putInt(4).putInt(4).put(new byte[] {0x45, 1, 2, 3});
        Pcap.File file = Pcap.read(new ByteArrayInputStream(b.array()));
        assertTrue(file.nanos());
        assertEquals(228, file.linkType());
        assertEquals(7, file.records().getFirst().seconds());
        assertEquals(999_999_999, file.records().getFirst().fraction());
        assertArrayEquals(new byte[] {0x45, 1, 2, 3}, file.records().getFirst().data());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pcap.writeHeader(out, true);
        assertEquals(0xA1B23C4D, ByteBuffer.wrap(out.toByteArray()).getInt(0));
        assertEquals(101, ByteBuffer.wrap(out.toByteArray()).getInt(20));
    }

    @Test
    @DisplayName("draft-ietf-opsawg-pcap §5: truncated records and snapped packets are refused with a reason")
    void refusesTruncatedFiles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pcap.writeHeader(out, false);
        Pcap.writeRecord(out, 1, 2, new byte[10], 0, 10);
        byte[] whole = out.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        Pcap.FormatException e = assertThrows(Pcap.FormatException.class, () -> Pcap.read(new ByteArrayInputStream(cut)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        ByteBuffer.wrap(whole).putInt(24 + 8, 5); // captured 5 of 10 bytes
        e = assertThrows(Pcap.FormatException.class, () -> Pcap.read(new ByteArrayInputStream(whole)));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }
}
