package dev.quetzal.plugin.fortivpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.FortiFrameDecoder;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer's batching (DESIGN.md "Data path": writes coalesced into records under 16 KiB): queued
 * packets become Fortinet frames (notes §5) packed into as few socket writes as fit 16 000 bytes, control
 * frames first, buffers returned to the pool.
 */
@Timeout(20)
final class TunnelWriterTest {
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketBufferPool pool = new DefaultPacketBufferPool(512, 128, 2048, metrics.global());
    private final TunnelCounters counters = new TunnelCounters(metrics.forComponent("fortivpn"));

    /** Records each write call separately. */
    private static final class Writes extends OutputStream {
        final List<byte[]> calls = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            calls.add(copy);
            all.write(b, off, len);
        }

        synchronized int total() {
            return all.size();
        }
    }

    private static final class Link implements TunnelWriter.Link {
        volatile boolean stopping;

        @Override
        public boolean ipv4Open() {
            return true;
        }

        @Override
        public boolean ipv6Open() {
            return false;
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public boolean stopping() {
            return stopping;
        }

        @Override
        public boolean flushOnStop() {
            return false;
        }

        @Override
        public void writeFailed(IOException e) {
            throw new AssertionError(e);
        }
    }

    private Writes run(int packets, int size, Queue<byte[]> control) throws Exception {
        MpscArrayQueue<PacketBuffer> queue = new MpscArrayQueue<>(1024);
        for (int i = 0; i < packets; i++) {
            PacketBuffer buffer = pool.acquire();
            buffer.append(TunnelTest.ipv4(i, size), 0, size);
            queue.offer(buffer);
        }
        Writes out = new Writes();
        Link link = new Link();
        TunnelWriter writer = new TunnelWriter(queue, control, out, counters, link);
        Thread thread = Thread.ofPlatform().start(writer);
        int expected = packets * (size + 8) + control.stream().mapToInt(c -> c.length + 6).sum();
        while (out.total() < expected) {
            Thread.onSpinWait();
        }
        link.stopping = true;
        writer.wake();
        thread.join();
        return out;
    }

    @DisplayName("300 packets of 100 bytes: 3 writes of at most 16 000 bytes; frames decode back in order")
    @Test
    void batchesUnder16000Bytes() throws Exception {
        int available = pool.available();
        Writes out = run(300, 100, new ConcurrentLinkedQueue<>());
        assertEquals(3, out.calls.size());
        for (byte[] call : out.calls) {
            assertTrue(call.length <= TunnelWriter.BATCH_BYTES, call.length + " bytes in one write");
        }
        List<Integer> ids = new ArrayList<>();
        byte[] stream = out.all.toByteArray();
        new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH).feed(stream, 0, stream.length, (array, offset, length) -> {
            assertEquals(0x00, array[offset]);
            assertEquals(0x21, array[offset + 1]);
            ids.add(((array[offset + 6] & 0xFF) << 8) | (array[offset + 7] & 0xFF));
        });
        assertEquals(300, ids.size());
        for (int i = 0; i < 300; i++) {
            assertEquals(i, ids.get(i));
        }
        assertEquals(available, pool.available(), "every buffer went back to the pool");
        assertEquals(300, counters.packetsOut());
    }

    @DisplayName("control frames go first, in the same batch, behind their own Fortinet headers")
    @Test
    void controlFramesFirst() throws Exception {
        Queue<byte[]> control = new ConcurrentLinkedQueue<>();
        byte[] echo = {(byte) 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4};
        control.add(echo);
        Writes out = run(2, 40, control);
        assertEquals(1, out.calls.size());
        byte[] batch = out.calls.getFirst();
        assertEquals(16, ((batch[0] & 0xFF) << 8) | (batch[1] & 0xFF));
        assertEquals((byte) 0xc0, batch[6]);
        assertEquals(0x21, batch[6 + echo.length + 6 + 1]);
    }
}
