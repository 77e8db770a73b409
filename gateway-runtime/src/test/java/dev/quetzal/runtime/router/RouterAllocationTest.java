package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data path's no-allocation rule (DESIGN.md, "Data path"): after warm-up, packets through a
 * pooled buffer, two pass-through filters and a releasing backend allocate next to nothing on the
 * calling thread, measured with {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}.
 * This counts bytes, not time.
 */
final class RouterAllocationTest {
    private static final int PACKETS = 200_000;
    private static final long BUDGET_BYTES = 64 * 1024;

    @Test
    void steadyStateRoutingAllocatesLessThan64KiBFor200000Packets() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MetricsRegistry metrics = new MetricsRegistry();
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(64, 64, 2048, metrics.global());
        DefaultPacketRouter router = new DefaultPacketRouter(metrics);
        PacketFilter pass = new PacketFilter() {};
        ReleasingBackend backend = new ReleasingBackend();
        router.bind(List.of(new NamedFilter("a", pass), new NamedFilter("b", pass)), backend);
        RecordingSession alice = new RecordingSession("alice", "100.64.0.2");
        router.attach(alice);
        byte[] packet = TestPackets.ipv4("100.64.0.2", "198.18.0.1", 1400);

        route(router, pool, alice, packet, PACKETS);
        long before = threads.getCurrentThreadAllocatedBytes();
        route(router, pool, alice, packet, PACKETS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2L * PACKETS, backend.sent);
        assertEquals(64, pool.available());
        assertTrue(allocated < BUDGET_BYTES, "allocated " + allocated + " bytes for " + PACKETS + " packets");
    }

    private static void route(DefaultPacketRouter router, DefaultPacketBufferPool pool, RecordingSession session,
            byte[] packet, int count) {
        for (int i = 0; i < count; i++) {
            PacketBuffer buffer = pool.acquire();
            buffer.append(packet, 0, packet.length);
            router.fromClient(session, buffer);
        }
    }

    private static final class ReleasingBackend implements Backend {
        long sent;

        @Override
        public void send(PacketBuffer packet) {
            sent++;
            packet.release();
        }

        @Override
        public BackendState state() {
            return new BackendState.Disconnected("test");
        }

        @Override
        public void close() {}
    }
}
