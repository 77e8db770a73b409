package dev.quetzal.plugin.fortivpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.fortivpn.ppp.PppSettings;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.service.DefaultScheduler;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The data path's no-allocation rule (DESIGN.md "Data path"), on the tunnel's own threads: after
 * warm-up, the writer (queue, framing in headroom, batch copy, socket write) and the reader (read,
 * deframe, copy into a pooled buffer, router) allocate next to nothing per packet, measured with
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long)}. Bytes, not time; loose bound.
 */
@Timeout(60)
final class TunnelAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int PACKETS = 50_000;
    /** Far below one allocation per packet (a 1400-byte copy would be 70 MB here). */
    private static final long BUDGET_BYTES = 256 * 1024;

    @DisplayName("writer and reader threads allocate < 256 KiB for 50 000 packets each way")
    @Test
    void steadyStateAllocatesNextToNothing() throws Exception {
        MetricsRegistry metrics = new MetricsRegistry();
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(2048, 128, 2048, metrics.global());
        TunnelCounters counters = new TunnelCounters(metrics.forComponent("fortivpn"));
        MpscArrayQueue<PacketBuffer> queue = new MpscArrayQueue<>(1024);
        AtomicLong received = new AtomicLong();
        PacketRouter releasing = new PacketRouter() {
            @Override
            public void fromClient(ClientSession session, PacketBuffer packet) {
                packet.release();
            }

            @Override
            public void fromNetwork(PacketBuffer packet) {
                received.incrementAndGet();
                packet.release();
            }

            @Override
            public Attachment attach(ClientSession session) {
                throw new UnsupportedOperationException();
            }
        };
        CountDownLatch up = new CountDownLatch(1);
        try (DefaultScheduler scheduler = new DefaultScheduler(); FakeTunnelServer server = new FakeTunnelServer(null, true)) {
            server.countOnly();
            Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
            HttpConnection connection = new HttpConnection(socket, socket, "sslvpn");
            connection.write(HttpRequest.get("/remote/sslvpn-tunnel"));
            Tunnel tunnel = new Tunnel("alloc", connection, PppSettings.client(FakeTunnelServer.CLIENT).mru(1400).build(),
                    0x0badcafe, queue, pool, releasing, TimeSource.SYSTEM, scheduler, counters, new Tunnel.Events() {
                        @Override
                        public void up(Tunnel t, dev.quetzal.fortivpn.ppp.NetworkParameters parameters) {
                            up.countDown();
                        }

                        @Override
                        public void down(Tunnel t, Tunnel.End end, String reason) {}
                    });
            tunnel.start();
            assertTrue(up.await(10, TimeUnit.SECONDS));
            byte[] packet = TunnelTest.ipv4(1, 1400);
            Thread writer = thread("fortivpn-writer-alloc");
            Thread reader = thread("fortivpn-reader-alloc");

            pump(tunnel, queue, pool, server, packet, received, WARM_UP, 0);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long writerBefore = threads.getThreadAllocatedBytes(writer.threadId());
            long readerBefore = threads.getThreadAllocatedBytes(reader.threadId());
            pump(tunnel, queue, pool, server, packet, received, PACKETS, WARM_UP);
            long writerBytes = threads.getThreadAllocatedBytes(writer.threadId()) - writerBefore;
            long readerBytes = threads.getThreadAllocatedBytes(reader.threadId()) - readerBefore;
            tunnel.abort("done");
            tunnel.awaitStopped(Duration.ofSeconds(5));
            assertTrue(writerBytes < BUDGET_BYTES, "writer allocated " + writerBytes + " bytes for " + PACKETS + " packets");
            assertTrue(readerBytes < BUDGET_BYTES, "reader allocated " + readerBytes + " bytes for " + PACKETS + " packets");
        }
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    /** {@code count} packets each way; waits (bounded by the test timeout) until both sides counted them. */
    private static void pump(Tunnel tunnel, MpscArrayQueue<PacketBuffer> queue, DefaultPacketBufferPool pool,
            FakeTunnelServer server, byte[] packet, AtomicLong received, int count, int already) throws Exception {
        Thread inbound = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    server.sendIpv4(packet);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < count; i++) {
            PacketBuffer buffer = pool.acquire();
            buffer.append(packet, 0, packet.length);
            while (!queue.offer(buffer)) {
                tunnel.wake();
                Thread.onSpinWait();
            }
            tunnel.wake();
        }
        inbound.join();
        while (server.counted() < already + count || received.get() < already + count) {
            Thread.sleep(5);
        }
    }
}
