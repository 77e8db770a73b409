package dev.quetzal.api.packet;

/**
 * Reusable packet buffers, so the data path allocates nothing per packet.
 *
 * <p>Thread-safe and lock-free: a buffer may be acquired on one thread and released on another.
 * When the pool is empty {@link #acquire()} allocates a new buffer (counted by the runtime) rather
 * than fail, so a burst costs garbage, never a dropped packet.
 */
public interface PacketBufferPool {
    /** Headroom of every buffer this pool hands out, enough for ESP-in-UDP or Fortinet/PPP headers. */
    int headroom();

    /** Bytes available after the headroom. */
    int capacity();

    /** An empty buffer whose packet starts at {@link #headroom()}. The caller owns it. */
    PacketBuffer acquire();

    /** Takes a buffer back; called by {@link PacketBuffer#release()}. */
    void release(PacketBuffer buffer);
}
