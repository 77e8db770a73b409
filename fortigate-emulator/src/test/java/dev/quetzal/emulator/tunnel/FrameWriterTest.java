package dev.quetzal.emulator.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.FortiFrameDecoder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coalescing writer: fortivpn-protocol.md §5 framing, writes under 16 KiB, bounded queue. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
final class FrameWriterTest {
    /** Records every write separately. */
    private static final class Recorder extends OutputStream {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            writes.add(new byte[] {(byte) b});
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(Arrays.copyOfRange(b, off, off + len));
        }

        synchronized List<byte[]> writes() {
            return List.copyOf(writes);
        }

        synchronized byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writes.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    private static List<byte[]> frames(byte[] stream) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH).feed(stream, 0, stream.length,
                (a, o, l) -> frames.add(Arrays.copyOfRange(a, o, o + l)));
        return frames;
    }

    private static byte[] packet(int length, int seed) {
        byte[] packet = new byte[length];
        packet[0] = 0x45;
        for (int i = 1; i < length; i++) {
            packet[i] = (byte) (seed + i);
        }
        return packet;
    }

    @Test
    @DisplayName("queued frames are packed into one write, each with the 6-byte header and the protocol, no ff 03")
    void coalesces() throws Exception {
        Recorder out = new Recorder();
        AtomicLong written = new AtomicLong();
        FrameWriter writer = new FrameWriter(out, written::addAndGet);
        for (int i = 0; i < 10; i++) {
            assertTrue(writer.offerPacket(packet(100, i), 0, 100, 0x0021, false, false));
        }
        writer.start("test-writer");
        writer.stop(5000);
        assertEquals(1, out.writes().size(), "ten queued frames, one TLS write");
        List<byte[]> frames = frames(out.all());
        assertEquals(10, frames.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(0x00, frames.get(i)[0]);
            assertEquals(0x21, frames.get(i)[1]);
            assertArrayEquals(packet(100, i), Arrays.copyOfRange(frames.get(i), 2, 102));
        }
        assertEquals(10 * (6 + 2 + 100), written.get());
    }

    @Test
    @DisplayName("no write exceeds 16 KiB unless one frame is bigger; a 40 KiB frame goes alone")
    void recordLimit() throws Exception {
        Recorder out = new Recorder();
        FrameWriter writer = new FrameWriter(out, n -> { });
        for (int i = 0; i < 30; i++) {
            writer.offerPacket(packet(1400, i), 0, 1400, 0x0021, false, false);
        }
        writer.offerPacket(packet(40_000, 99), 0, 40_000, 0x0021, false, false);
        writer.offerPacket(packet(60, 100), 0, 60, 0x0021, false, false);
        writer.start("test-writer");
        writer.stop(5000);
        for (byte[] write : out.writes()) {
            assertTrue(write.length <= FrameWriter.RECORD_SIZE || write.length == 40_000 + 8, "write of " + write.length);
        }
        List<byte[]> frames = frames(out.all());
        assertEquals(32, frames.size());
        assertArrayEquals(packet(40_000, 99), Arrays.copyOfRange(frames.get(30), 2, 40_002));
    }

    @Test
    @DisplayName("address-control: ff 03 is added to control frames once, and to data frames when asked (§5)")
    void addressControl() throws Exception {
        Recorder out = new Recorder();
        FrameWriter writer = new FrameWriter(out, n -> { });
        byte[] lcp = {(byte) 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4};
        byte[] lcpWithAc = {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 0x09, 0x02, 0x00, 0x08, 1, 2, 3, 4};
        writer.offerFrame(lcp, 0, lcp.length, true);
        writer.offerFrame(lcpWithAc, 0, lcpWithAc.length, true);
        writer.offerFrame(lcp, 0, lcp.length, false);
        writer.offerPacket(packet(20, 1), 0, 20, 0x0021, true, false);
        writer.start("test-writer");
        writer.stop(5000);
        List<byte[]> frames = frames(out.all());
        assertArrayEquals(new byte[] {(byte) 0xff, 0x03, (byte) 0xc0, 0x21}, Arrays.copyOf(frames.get(0), 4));
        assertArrayEquals(lcpWithAc, frames.get(1));
        assertArrayEquals(lcp, frames.get(2));
        assertArrayEquals(new byte[] {(byte) 0xff, 0x03, 0x00, 0x21}, Arrays.copyOf(frames.get(3), 4));
    }

    @Test
    @DisplayName("a full queue refuses more frames instead of blocking the producer")
    void fullQueueDrops() {
        FrameWriter writer = new FrameWriter(OutputStream.nullOutputStream(), n -> { });
        byte[] p = packet(40, 1);
        for (int i = 0; i < FrameWriter.SLOTS; i++) {
            assertTrue(writer.offerPacket(p, 0, p.length, 0x0021, false, false));
        }
        assertFalse(writer.offerPacket(p, 0, p.length, 0x0021, false, false));
        assertFalse(writer.offerRaw(new byte[] {1, 2, 3}));
    }

    @Test
    @DisplayName("a failing stream stops the writer; later offers are refused")
    void failingStream() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("reset");
            }
        };
        FrameWriter writer = new FrameWriter(broken, n -> { });
        writer.offerRaw(new byte[] {1, 2, 3});
        writer.start("test-writer");
        writer.stop(5000);
        assertTrue(writer.failed());
        assertFalse(writer.offerRaw(new byte[] {1}));
    }
}
