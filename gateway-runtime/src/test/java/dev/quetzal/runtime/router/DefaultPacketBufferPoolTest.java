package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The packet buffer pool: buffers come back cleared to the headroom, an empty pool allocates and
 * counts a miss, a full pool lets the buffer go and counts an overflow, foreign buffers are refused,
 * and under two threads of acquire/release no buffer is lost or handed to two owners at once.
 */
final class DefaultPacketBufferPoolTest {
    @Test
    void preallocatesBuffersOfHeadroomPlusCapacity() {
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(8, 64, 1500, new MetricsRegistry().global());

        PacketBuffer buffer = pool.acquire();

        assertEquals(7, pool.available());
        assertEquals(64 + 1500, buffer.array().length);
        assertEquals(64, buffer.headroom());
        assertEquals(1500, buffer.tailroom());
        assertEquals(0, buffer.length());
        assertSame(pool, buffer.pool());
    }

    @Test
    void acquireClearsTheBufferToTheHeadroom() {
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(1, 64, 1500, new MetricsRegistry().global());
        PacketBuffer buffer = pool.acquire();
        buffer.setBounds(3, 900);
        buffer.release();

        PacketBuffer again = pool.acquire();

        assertSame(buffer, again);
        assertEquals(64, again.headroom());
        assertEquals(0, again.length());
    }

    @Test
    void emptyPoolAllocatesAndCountsAMiss() {
        MetricsRegistry metrics = new MetricsRegistry();
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(2, 16, 100, metrics.forComponent("pool"));

        PacketBuffer first = pool.acquire();
        PacketBuffer second = pool.acquire();
        PacketBuffer third = pool.acquire();

        assertEquals(0, pool.available());
        assertSame(pool, third.pool());
        assertEquals(116, third.array().length);
        assertEquals(1, value(metrics, "quetzal_buffer_pool_misses_total"));
        first.release();
        second.release();
        assertEquals(2, pool.available());
        third.release();
        assertEquals(2, pool.available());
        assertEquals(1, value(metrics, "quetzal_buffer_pool_overflows_total"));
    }

    @Test
    void gaugeReportsAvailableBuffers() {
        MetricsRegistry metrics = new MetricsRegistry();
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(4, 0, 10, metrics.forComponent("pool"));
        pool.acquire();

        assertEquals(3, value(metrics, "quetzal_buffer_pool_available"));
    }

    @Test
    void refusesBuffersOfAnotherPool() {
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(2, 16, 100, new MetricsRegistry().global());
        DefaultPacketBufferPool other = new DefaultPacketBufferPool(2, 16, 100, new MetricsRegistry().global());
        PacketBuffer foreign = other.acquire();

        assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
        assertThrows(IllegalArgumentException.class, () -> pool.release(PacketBuffer.allocate(16, 100)));
        assertEquals(2, pool.available());
    }

    @Test
    void rejectsBadShapes() {
        var metrics = new MetricsRegistry().global();
        assertThrows(IllegalArgumentException.class, () -> new DefaultPacketBufferPool(0, 16, 100, metrics));
        assertThrows(IllegalArgumentException.class, () -> new DefaultPacketBufferPool(1, -1, 100, metrics));
        assertThrows(IllegalArgumentException.class, () -> new DefaultPacketBufferPool(1, 16, 0, metrics));
    }

    @Test
    void twoThreadsOfAcquireAndReleaseNeitherLoseNorShareBuffers() throws InterruptedException {
        int batch = 8;
        int rounds = 1_000_000 / batch;
        MetricsRegistry metrics = new MetricsRegistry();
        // As many buffers as both threads hold at their peak, so the pool keeps running empty.
        DefaultPacketBufferPool pool = new DefaultPacketBufferPool(2 * batch, 16, 64, metrics.global());
        Set<PacketBuffer> held = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        Runnable worker = () -> {
            try {
                start.await();
                PacketBuffer[] mine = new PacketBuffer[batch];
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < batch; i++) {
                        mine[i] = pool.acquire();
                        if (!held.add(mine[i])) {
                            failures.add(new AssertionError("buffer handed to two owners"));
                        }
                    }
                    for (int i = 0; i < batch; i++) {
                        held.remove(mine[i]);
                        mine[i].release();
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        };
        Thread a = Thread.ofPlatform().start(worker);
        Thread b = Thread.ofPlatform().start(worker);
        start.countDown();
        a.join();
        b.join();

        assertEquals(List.of(), failures);
        // A thread preempted mid-release can make the pool look empty (a miss allocates) or full (an
        // overflow lets go): every buffer that ever existed is either back in the pool or was let go.
        long existed = 2 * batch + value(metrics, "quetzal_buffer_pool_misses_total");
        assertEquals(existed, pool.available() + value(metrics, "quetzal_buffer_pool_overflows_total"));
        Set<PacketBuffer> drained = Collections.newSetFromMap(new IdentityHashMap<>());
        int available = pool.available();
        for (int i = 0; i < available; i++) {
            drained.add(pool.acquire());
        }
        assertEquals(available, drained.size());
        assertEquals(0, pool.available());
    }

    private static long value(MetricsRegistry metrics, String name) {
        return metrics.samples().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().value();
    }
}
