package dev.quetzal.examples.pcap;

import dev.quetzal.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.packet.PacketBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

// Checks PcapFilter: it records IPv4 and IPv6 packets from both directions unchanged and passes them,
// writing the file laid out by draft-ietf-opsawg-pcap ("File Header" and "Packet Record" sections)
// with LinkType 101 (LINKTYPE_RAW, tcpdump.org link-layer header types); it flushes every second
// through the context's scheduler and on close; concurrent directions never interleave records; and
// an I/O error is logged once and counted while packets keep passing.
final class PcapFilterTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 0x67760225 seconds and 678901 = 0x000a5bf5 microseconds. */
    private static final Instant START = Instant.parse("2025-01-02T03:04:05.678901Z");

    @TempDir
    Path dir;

    private ManualClock clock;
    private TestFilterContext context;

    @BeforeEach
    void context() {
        clock = new ManualClock(START);
        context = new TestFilterContext("capture", clock, clock);
    }

    @Test
    void recordsIpv4AndIpv6PacketsInBothDirectionsUnchanged() throws Exception {
        Path file = dir.resolve("both.pcap");
        byte[] ipv4 = TestPackets.ipv4Udp("198.18.0.1", "198.51.100.7", 40000, 53, "query");
        byte[] ipv6 = TestPackets.ipv6Udp("2001:db8::7", "2001:db8::1", 53, 40000, "answer");
        PacketBuffer outbound = PacketBuffer.copyOf(ipv4, 32, 16);
        PacketBuffer inbound = PacketBuffer.copyOf(ipv6, 32, 16);

        try (PcapFilter filter = new PcapFilter(new PcapFilterConfig(file, 0), context)) {
            filter.start();
            assertEquals(Verdict.PASS, filter.outbound(outbound, null));
            clock.advance(Duration.ofNanos(1_234_000));
            assertEquals(Verdict.PASS, filter.inbound(inbound));
        }

        assertArrayEquals(ipv4, outbound.toByteArray());
        assertArrayEquals(ipv6, inbound.toByteArray());
        String expected = "a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "00000065"
                + "67760225" + "000a5bf5" + lengths(ipv4.length, ipv4.length) + HEX.formatHex(ipv4)
                + "67760225" + "000a60c7" + lengths(ipv6.length, ipv6.length) + HEX.formatHex(ipv6); // 678901 + 1234 µs
        assertEquals(expected, HEX.formatHex(Files.readAllBytes(file)));
    }

    @Test
    void flushesEverySecondAndStopsTheTimerOnClose() throws Exception {
        Path file = dir.resolve("flush.pcap");
        byte[] ipv4 = TestPackets.ipv4Udp("198.18.0.1", "198.18.0.2", 1, 2, "x");
        PcapFilter filter = new PcapFilter(new PcapFilterConfig(file, 0), context);
        filter.start();
        filter.outbound(PacketBuffer.copyOf(ipv4, 0, 0), null);
        assertEquals(0, Files.size(file), "still buffered");

        clock.advance(Duration.ofSeconds(1));

        assertEquals(PcapWriter.FILE_HEADER_LENGTH + PcapWriter.RECORD_HEADER_LENGTH + ipv4.length, Files.size(file));
        assertEquals(1, clock.pendingTasks());
        filter.close();
        assertEquals(0, clock.pendingTasks());
    }

    @Test
    void concurrentDirectionsWriteWholeRecords() throws Exception {
        Path file = dir.resolve("threads.pcap");
        byte[] ipv4 = TestPackets.ipv4Udp("198.18.0.1", "198.18.0.2", 1, 2, "from a client");
        byte[] ipv6 = TestPackets.ipv6Udp("2001:db8::2", "2001:db8::1", 2, 1, "from the network, a bit longer");
        int perThread = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        try (PcapFilter filter = new PcapFilter(new PcapFilterConfig(file, 0), context)) {
            filter.start();
            Thread clients = Thread.ofPlatform().start(() -> {
                await(go);
                for (int i = 0; i < perThread; i++) {
                    filter.outbound(PacketBuffer.copyOf(ipv4, 0, 0), null);
                }
            });
            Thread network = Thread.ofPlatform().start(() -> {
                await(go);
                for (int i = 0; i < perThread; i++) {
                    filter.inbound(PacketBuffer.copyOf(ipv6, 0, 0));
                }
            });
            go.countDown();
            clients.join();
            network.join();
        }

        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).position(PcapWriter.FILE_HEADER_LENGTH);
        int v4 = 0;
        int v6 = 0;
        while (in.hasRemaining()) {
            in.position(in.position() + 8);
            int captured = in.getInt();
            assertEquals(captured, in.getInt());
            byte[] data = new byte[captured];
            in.get(data);
            if (data.length == ipv4.length && Arrays.equals(data, ipv4)) {
                v4++;
            } else {
                assertArrayEquals(ipv6, data);
                v6++;
            }
        }
        assertEquals(List.of(perThread, perThread), List.of(v4, v6));
    }

    @Test
    void ioErrorIsLoggedOnceAndCountedWhilePacketsKeepPassing() throws Exception {
        PcapFilter filter = new PcapFilter(new PcapFilterConfig(dir.resolve("full.pcap"), 0), context, file -> new DiskFull());
        Logger logger = (Logger) LoggerFactory.getLogger(PcapFilter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            filter.start(); // the header fits in the buffer: the disk fills up later
            PacketBuffer packet = PacketBuffer.copyOf(TestPackets.ipv4Udp("198.18.0.1", "198.18.0.2", 1, 2, "x"), 0, 0);
            assertEquals(Verdict.PASS, filter.outbound(packet, null));
            clock.advance(Duration.ofSeconds(1)); // the flush meets the error
            assertEquals(Verdict.PASS, filter.outbound(packet, null));
            assertEquals(Verdict.PASS, filter.inbound(packet));
            clock.advance(Duration.ofSeconds(3));
            filter.close();
        } finally {
            logger.detachAppender(appender);
        }

        assertEquals(1L, filter.status().get("packetsCaptured"));
        assertEquals(2L, filter.status().get("packetsMissed"));
        assertEquals(1L, filter.status().get("ioErrors"));
        List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), warnings::toString);
        assertEquals("capture: cannot write " + dir.resolve("full.pcap") + ", capture stopped, packets keep flowing:"
                + " java.io.IOException: No space left on device", warnings.getFirst().getFormattedMessage());
    }

    @Test
    void writeErrorOnTheDataPathStopsTheCaptureButNotThePacket() throws Exception {
        try (PcapFilter filter = new PcapFilter(new PcapFilterConfig(dir.resolve("full.pcap"), 262144), context, file -> new DiskFull())) {
            filter.start();
            // Larger than the 64 KiB buffer, so the write goes straight to the failing stream.
            PacketBuffer jumbo = PacketBuffer.allocate(0, 100_000);
            jumbo.setLength(100_000);
            jumbo.putByte(0, 0x60);

            assertEquals(Verdict.PASS, filter.inbound(jumbo));
            assertEquals(Verdict.PASS, filter.inbound(jumbo));

            assertEquals(0L, filter.status().get("packetsCaptured"));
            assertEquals(2L, filter.status().get("packetsMissed"));
            assertEquals(1L, filter.status().get("ioErrors"));
        }
    }

    @Test
    void startFailsWhenTheFileCannotBeCreated() {
        PcapFilter filter = new PcapFilter(new PcapFilterConfig(dir.resolve("missing/folder/x.pcap"), 0), context);

        assertThrows(NoSuchFileException.class, filter::start);
        filter.close();
        assertEquals(0, clock.pendingTasks());
    }

    private static String lengths(int captured, int original) {
        return "%08x%08x".formatted(captured, original);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file system that is full: every write fails. */
    private static final class DiskFull extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    }
}
