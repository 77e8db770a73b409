package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The bounded MPMC array queue (Vyukov's algorithm): FIFO order, full and empty edges, capacity
 * rounding, and that under concurrent producers and consumers every element comes out exactly once.
 */
final class BufferQueueTest {
    @Test
    void roundsCapacityUpToPowerOfTwoOfAtLeastTwo() {
        assertEquals(2, new BufferQueue<>(1).capacity());
        assertEquals(2, new BufferQueue<>(2).capacity());
        assertEquals(4, new BufferQueue<>(3).capacity());
        assertEquals(1024, new BufferQueue<>(1000).capacity());
        assertEquals(1024, new BufferQueue<>(1024).capacity());
    }

    @Test
    void isFifoAndBoundedAcrossManyLaps() {
        BufferQueue<Integer> queue = new BufferQueue<>(4);
        int next = 0;
        int expected = 0;
        for (int lap = 0; lap < 100; lap++) {
            for (int i = 0; i < 4; i++) {
                assertTrue(queue.offer(next++));
            }
            assertFalse(queue.offer(-1));
            assertEquals(4, queue.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected++, queue.poll());
            }
            assertTrue(queue.offer(next++));
            for (int i = 0; i < 2; i++) {
                assertEquals(expected++, queue.poll());
            }
            assertEquals(0, queue.size());
            assertNull(queue.poll());
        }
    }

    @Test
    void concurrentProducersAndConsumersDeliverEachElementExactlyOnce() throws InterruptedException {
        int perProducer = 500_000;
        int producers = 2;
        int total = perProducer * producers;
        Integer[] values = new Integer[total];
        for (int i = 0; i < total; i++) {
            values[i] = i;
        }
        BufferQueue<Integer> queue = new BufferQueue<>(64);
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * perProducer;
            threads.add(Thread.ofPlatform().unstarted(() -> {
                await(start);
                for (int i = first; i < first + perProducer; i++) {
                    while (!queue.offer(values[i])) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        java.util.concurrent.atomic.AtomicInteger consumed = new java.util.concurrent.atomic.AtomicInteger();
        for (int c = 0; c < 2; c++) {
            threads.add(Thread.ofPlatform().unstarted(() -> {
                await(start);
                while (consumed.get() < total) {
                    Integer value = queue.poll();
                    if (value == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (seen.getAndIncrement(value) != 0) {
                        failures.add(new AssertionError("element " + value + " came out twice"));
                    }
                    consumed.incrementAndGet();
                }
            }));
        }
        threads.forEach(thread -> thread.setUncaughtExceptionHandler((t, e) -> failures.add(e)));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(List.of(), failures);
        assertEquals(total, consumed.get());
        for (int i = 0; i < total; i++) {
            assertEquals(1, seen.get(i), "element " + i);
        }
        assertNull(queue.poll());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
