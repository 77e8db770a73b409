package dev.quetzal.plugin.fortivpn.tunnel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded lock-free queue for many producers and one consumer, on arrays allocated once (D. Vyukov's
 * bounded queue: each slot has a sequence number that says whose turn it is). {@link #offer} never
 * blocks and fails when full; {@link #poll} returns null when empty. Neither allocates.
 *
 * <p>Only one thread may call {@link #poll} at a time (the tunnel's writer; a new writer starts only
 * after the old one ended).
 *
 * @param <E> element type; null is not allowed
 */
public final class MpscArrayQueue<E> {
    private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);

    private final int mask;
    private final Object[] elements;
    private final AtomicLongArray sequences;
    private final AtomicLong tail = new AtomicLong();
    private volatile long head;

    /** @param capacity rounded up to a power of two, at least 2 */
    public MpscArrayQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity outside 1..2^30: " + capacity);
        }
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.mask = size - 1;
        this.elements = new Object[size];
        this.sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    public int capacity() {
        return mask + 1;
    }

    /** Adds {@code element} at the tail; false when the queue is full. Safe from any number of threads. */
    public boolean offer(E element) {
        if (element == null) {
            throw new NullPointerException("element");
        }
        long position = tail.get();
        while (true) {
            int index = (int) (position & mask);
            long sequence = sequences.get(index);
            long difference = sequence - position;
            if (difference == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    ELEMENTS.setRelease(elements, index, element);
                    // Publishes the element: the consumer reads the sequence before the slot.
                    sequences.set(index, position + 1);
                    return true;
                }
                position = tail.get();
            } else if (difference < 0) {
                return false;
            } else {
                position = tail.get();
            }
        }
    }

    /** Removes the head element, or returns null when empty. One consumer thread only. */
    @SuppressWarnings("unchecked")
    public E poll() {
        long position = head;
        int index = (int) (position & mask);
        if (sequences.get(index) != position + 1) {
            return null;
        }
        E element = (E) ELEMENTS.getAcquire(elements, index);
        ELEMENTS.setRelease(elements, index, null);
        // Frees the slot for the producer one lap later.
        sequences.set(index, position + mask + 1);
        head = position + 1;
        return element;
    }

    /** Elements in the queue; exact when no thread is changing it, a close estimate otherwise. */
    public int size() {
        long size = tail.get() - head;
        return (int) Math.max(0, Math.min(size, capacity()));
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
