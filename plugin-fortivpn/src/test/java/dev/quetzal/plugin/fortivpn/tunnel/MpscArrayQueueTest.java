package dev.quetzal.plugin.fortivpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer queue (DESIGN.md "Data path": no lock, no allocation per packet): FIFO, bounded, every
 * element delivered exactly once under concurrent producers, in each producer's order.
 */
final class MpscArrayQueueTest {
    @DisplayName("capacity rounds up to a power of two; offer fails when full; FIFO; wraps around")
    @Test
    void boundedFifo() {
        MpscArrayQueue<Integer> queue = new MpscArrayQueue<>(3);
        assertEquals(4, queue.capacity());
        for (int lap = 0; lap < 5; lap++) {
            for (int i = 0; i < 4; i++) {
                assertTrue(queue.offer(lap * 10 + i));
            }
            assertFalse(queue.offer(99));
            assertEquals(4, queue.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(lap * 10 + i, queue.poll());
            }
            assertNull(queue.poll());
            assertTrue(queue.isEmpty());
        }
        assertEquals(2, new MpscArrayQueue<>(1).capacity());
        assertEquals(1024, new MpscArrayQueue<>(1024).capacity());
    }

    @DisplayName("four producers, one consumer: each element once, each producer's elements in order")
    @Test
    @Timeout(30)
    void concurrentProducers() throws Exception {
        int producers = 4;
        int perProducer = 200_000;
        MpscArrayQueue<Long> queue = new MpscArrayQueue<>(256);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < perProducer; i++) {
                    Long element = (id << 32) | i;
                    while (!queue.offer(element)) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        go.countDown();
        long[] next = new long[producers];
        long received = 0;
        while (received < (long) producers * perProducer) {
            Long element = queue.poll();
            if (element == null) {
                Thread.onSpinWait();
                continue;
            }
            int producer = (int) (element >>> 32);
            assertEquals(next[producer], element & 0xFFFFFFFFL, "producer " + producer + " out of order");
            next[producer]++;
            received++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(queue.poll());
        for (long count : next) {
            assertEquals(perProducer, count);
        }
    }

    @DisplayName("offer and poll allocate nothing in steady state (ThreadMXBean allocated bytes, loose bound)")
    @Test
    void noAllocation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MpscArrayQueue<Object> queue = new MpscArrayQueue<>(64);
        Object element = new Object();
        for (int i = 0; i < 100_000; i++) {
            queue.offer(element);
            queue.poll();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            queue.offer(element);
            queue.poll();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 1 000 000 offer/poll pairs");
    }
}
