package dev.quetzal.runtime.router;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer multi-consumer queue of references (Dmitry Vyukov's array queue): each
 * slot carries a sequence number that says whose turn it is, so offer and poll each cost one CAS on
 * their own position and allocate nothing, unlike {@link java.util.concurrent.ConcurrentLinkedQueue},
 * which allocates a node per offer.
 *
 * <p>A slot whose neighbour has claimed it but not yet published it (a producer between its CAS and
 * its sequence store, or a consumer likewise) looks full or empty for a moment. Rather than report a
 * pool miss or overflow for that, offer and poll spin for a bounded number of rounds; a thread
 * preempted in that window costs a miss or an overflow, never a wait.
 *
 * <p>The capacity is rounded up to a power of two (at least 2) so a slot index is a mask, not a
 * division.
 */
final class BufferQueue<E> extends BufferQueuePositions {
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int SPINS = 128;

    private final Object[] elements;
    private final long[] sequences;
    private final int mask;

    BufferQueue(int minimumCapacity) {
        if (minimumCapacity < 1 || minimumCapacity > 1 << 30) {
            throw new IllegalArgumentException("queue capacity outside 1.." + (1 << 30) + ": " + minimumCapacity);
        }
        // One slot cannot tell "full" from "free" by its sequence, so the queue has at least two.
        int capacity = Math.max(2, Integer.highestOneBit(minimumCapacity - 1) << 1);
        elements = new Object[capacity];
        sequences = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            sequences[i] = i;
        }
        mask = capacity - 1;
        // The sequences must be visible before any other thread offers or polls.
        VarHandle.releaseFence();
    }

    int capacity() {
        return elements.length;
    }

    /** Adds {@code element} unless the queue is full. */
    boolean offer(E element) {
        long position = enqueuePosition();
        int spins = 0;
        while (true) {
            int index = (int) position & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, index);
            long difference = sequence - position;
            if (difference == 0) {
                long witness = compareAndExchangeEnqueue(position, position + 1);
                if (witness == position) {
                    elements[index] = element;
                    // Publishes the element to the consumer that reads this sequence with acquire.
                    SEQUENCE.setRelease(sequences, index, position + 1);
                    return true;
                }
                position = witness;
            } else if (difference < 0) {
                // Full, unless the consumer of the previous lap has claimed this slot and is emptying it.
                if (position - elements.length < dequeuePosition() && ++spins < SPINS) {
                    Thread.onSpinWait();
                    continue;
                }
                return false;
            } else {
                position = enqueuePosition();
            }
        }
    }

    /** Takes the oldest element, or null when the queue is empty. */
    @SuppressWarnings("unchecked")
    E poll() {
        long position = dequeuePosition();
        int spins = 0;
        while (true) {
            int index = (int) position & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, index);
            long difference = sequence - (position + 1);
            if (difference == 0) {
                long witness = compareAndExchangeDequeue(position, position + 1);
                if (witness == position) {
                    E element = (E) elements[index];
                    elements[index] = null;
                    // Hands the slot back to producers one lap later.
                    SEQUENCE.setRelease(sequences, index, position + mask + 1);
                    return element;
                }
                position = witness;
            } else if (difference < 0) {
                // Empty, unless a producer has claimed this slot and is filling it.
                if (position < enqueuePosition() && ++spins < SPINS) {
                    Thread.onSpinWait();
                    continue;
                }
                return null;
            } else {
                position = dequeuePosition();
            }
        }
    }

    /** How many elements are queued; exact when no offer or poll is under way. */
    int size() {
        while (true) {
            long dequeued = dequeuePosition();
            long enqueued = enqueuePosition();
            if (dequeued == dequeuePosition()) {
                return (int) Math.max(0, Math.min(elements.length, enqueued - dequeued));
            }
        }
    }
}

/** Padding so the two positions and the queue's other fields sit on separate cache lines. */
abstract class BufferQueuePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

abstract class BufferQueueEnqueue extends BufferQueuePad0 {
    private static final VarHandle ENQUEUE;

    static {
        try {
            ENQUEUE = MethodHandles.lookup().findVarHandle(BufferQueueEnqueue.class, "enqueue", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long enqueue;

    final long enqueuePosition() {
        return enqueue;
    }

    final long compareAndExchangeEnqueue(long expected, long next) {
        return (long) ENQUEUE.compareAndExchange(this, expected, next);
    }
}

abstract class BufferQueuePad1 extends BufferQueueEnqueue {
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

abstract class BufferQueueDequeue extends BufferQueuePad1 {
    private static final VarHandle DEQUEUE;

    static {
        try {
            DEQUEUE = MethodHandles.lookup().findVarHandle(BufferQueueDequeue.class, "dequeue", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long dequeue;

    final long dequeuePosition() {
        return dequeue;
    }

    final long compareAndExchangeDequeue(long expected, long next) {
        return (long) DEQUEUE.compareAndExchange(this, expected, next);
    }
}

abstract class BufferQueuePositions extends BufferQueueDequeue {
    long p20, p21, p22, p23, p24, p25, p26, p27;
}
