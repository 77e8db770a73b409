package dev.quetzal.emulator.tunnel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded lock-free multi-producer multi-consumer queue (D. Vyukov's array queue): each cell has a
 * sequence number that says whether it is ready for the next enqueue or dequeue. Allocates nothing
 * after construction, which is why the data path uses it instead of a java.util.concurrent queue.
 */
final class MpmcRing<T> {
    private final Object[] items;
    private final AtomicLongArray sequences;
    private final int mask;
    private final AtomicLong enqueuePosition = new AtomicLong();
    private final AtomicLong dequeuePosition = new AtomicLong();

    /** @param capacity a power of two */
    MpmcRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2, got " + capacity);
        }
        items = new Object[capacity];
        sequences = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            sequences.set(i, i);
        }
        mask = capacity - 1;
    }

    /** False when full. */
    boolean offer(T item) {
        long position = enqueuePosition.get();
        int index;
        while (true) {
            index = (int) (position & mask);
            long difference = sequences.get(index) - position;
            if (difference == 0) {
                if (enqueuePosition.compareAndSet(position, position + 1)) {
                    break;
                }
                position = enqueuePosition.get();
            } else if (difference < 0) {
                return false;
            } else {
                position = enqueuePosition.get();
            }
        }
        items[index] = item;
        sequences.set(index, position + 1);
        return true;
    }

    /** Null when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        long position = dequeuePosition.get();
        int index;
        while (true) {
            index = (int) (position & mask);
            long difference = sequences.get(index) - (position + 1);
            if (difference == 0) {
                if (dequeuePosition.compareAndSet(position, position + 1)) {
                    break;
                }
                position = dequeuePosition.get();
            } else if (difference < 0) {
                return null;
            } else {
                position = dequeuePosition.get();
            }
        }
        T item = (T) items[index];
        items[index] = null;
        sequences.set(index, position + mask + 1);
        return item;
    }

    boolean isEmpty() {
        return enqueuePosition.get() == dequeuePosition.get();
    }
}
