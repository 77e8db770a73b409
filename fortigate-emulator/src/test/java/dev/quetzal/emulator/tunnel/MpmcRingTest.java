package dev.quetzal.emulator.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lock-free queue under the tunnel writer: FIFO, bounded, safe with concurrent producers. */
final class MpmcRingTest {
    @Test
    @DisplayName("FIFO up to capacity, then full; empty returns null")
    void boundedFifo() {
        MpmcRing<Integer> ring = new MpmcRing<>(4);
        assertTrue(ring.isEmpty());
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(4));
        for (int i = 0; i < 4; i++) {
            assertEquals(i, ring.poll());
        }
        assertNull(ring.poll());
        assertTrue(ring.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new MpmcRing<>(6));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @DisplayName("four producers and one consumer: every item arrives once, in each producer's order")
    void concurrentProducers() throws Exception {
        int producers = 4;
        int perProducer = 50_000;
        MpmcRing<long[]> ring = new MpmcRing<>(256);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    long[] item = {id, i};
                    while (!ring.offer(item)) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        int[] next = new int[producers];
        int received = 0;
        while (received < producers * perProducer) {
            long[] item = ring.poll();
            if (item == null) {
                Thread.onSpinWait();
                continue;
            }
            assertEquals(next[(int) item[0]], item[1], "producer " + item[0] + " out of order");
            next[(int) item[0]]++;
            received++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(ring.poll());
    }
}
