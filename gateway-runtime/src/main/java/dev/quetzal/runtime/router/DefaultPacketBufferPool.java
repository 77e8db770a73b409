package dev.quetzal.runtime.router;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.Metrics;
import java.util.Objects;

/**
 * Preallocated packet buffers in a lock-free bounded queue.
 *
 * <p>An empty pool allocates a fresh buffer (counted in {@code quetzal_buffer_pool_misses_total})
 * rather than fail, so a burst costs garbage, never a packet. Such a buffer belongs to this pool and
 * stays if there is room; a release into a full pool leaves the buffer to the garbage collector
 * (counted in {@code quetzal_buffer_pool_overflows_total}). The pool keeps at most {@code count}
 * rounded up to a power of two buffers.
 */
public final class DefaultPacketBufferPool implements PacketBufferPool {
    private final int headroom;
    private final int capacity;
    private final BufferQueue<PacketBuffer> free;
    private final Metrics.Counter misses;
    private final Metrics.Counter overflows;

    /**
     * @param count buffers made up front
     * @param headroom bytes before the packet in every buffer
     * @param capacity bytes after the headroom
     */
    public DefaultPacketBufferPool(int count, int headroom, int capacity, Metrics metrics) {
        if (count < 1) {
            throw new IllegalArgumentException("buffer count must be at least 1, got " + count);
        }
        if (headroom < 0 || capacity < 1 || (long) headroom + capacity > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("bad buffer shape: headroom " + headroom + ", capacity " + capacity);
        }
        Objects.requireNonNull(metrics, "metrics");
        this.headroom = headroom;
        this.capacity = capacity;
        this.free = new BufferQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.offer(newBuffer());
        }
        misses = metrics.counter("quetzal_buffer_pool_misses_total",
                "Buffers allocated because the pool was empty.");
        overflows = metrics.counter("quetzal_buffer_pool_overflows_total",
                "Buffers left to the garbage collector because the pool was full when they came back.");
        metrics.gauge("quetzal_buffer_pool_available", "Buffers free in the pool.", this::available);
    }

    @Override
    public int headroom() {
        return headroom;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public PacketBuffer acquire() {
        PacketBuffer buffer = free.poll();
        if (buffer == null) {
            misses.increment();
            return newBuffer();
        }
        return buffer.clear(headroom);
    }

    @Override
    public void release(PacketBuffer buffer) {
        if (buffer.pool() != this) {
            throw new IllegalArgumentException(buffer + " belongs to " + buffer.pool() + ", not to " + this);
        }
        if (!free.offer(buffer)) {
            overflows.increment();
        }
    }

    /** Buffers free right now. */
    public int available() {
        return free.size();
    }

    private PacketBuffer newBuffer() {
        return new PacketBuffer(new byte[headroom + capacity], headroom, this);
    }

    @Override
    public String toString() {
        return "DefaultPacketBufferPool[headroom=" + headroom + ", capacity=" + capacity + ", available=" + available()
                + "/" + free.capacity() + "]";
    }
}
