package dev.quetzal.api.packet;

import java.util.Objects;

/**
 * One packet in a reusable {@code byte[]}, with room before it (headroom, for ESP, UDP or PPP
 * headers) and after it (tailroom, for padding and integrity check values), so headers are added
 * and removed without copying.
 *
 * <p>Indexes in the accessors are relative to the packet's first byte. The backing array is exposed
 * on purpose: crypto (SunJCE) and sockets work on {@code array()} from {@code arrayOffset()} for
 * {@code length()} bytes.
 *
 * <p><b>Ownership.</b> A buffer is not thread-safe and has exactly one owner. Handing it to the
 * router, a backend or a session transfers ownership; the final owner calls {@link #release()},
 * which returns a pooled buffer to its pool. Using a buffer after releasing it is a bug that pools
 * may detect but need not.
 */
public final class PacketBuffer {
    private final byte[] array;
    private final PacketBufferPool pool;
    private int offset;
    private int length;

    /**
     * Wraps {@code array}; the packet starts empty at {@code headroom}. {@code pool} may be null for
     * an unpooled buffer, whose {@link #release()} does nothing.
     */
    public PacketBuffer(byte[] array, int headroom, PacketBufferPool pool) {
        this.array = Objects.requireNonNull(array, "array");
        if (headroom < 0 || headroom > array.length) {
            throw new IllegalArgumentException("headroom " + headroom + " outside array of " + array.length);
        }
        this.pool = pool;
        this.offset = headroom;
    }

    /** An unpooled buffer, for tests and control-plane packets. */
    public static PacketBuffer allocate(int headroom, int capacity) {
        return new PacketBuffer(new byte[headroom + capacity], headroom, null);
    }

    /** An unpooled buffer holding a copy of {@code packet}. */
    public static PacketBuffer copyOf(byte[] packet, int headroom, int tailroom) {
        PacketBuffer buffer = allocate(headroom, packet.length + tailroom);
        buffer.append(packet, 0, packet.length);
        return buffer;
    }

    public byte[] array() {
        return array;
    }

    /** Index in {@link #array()} of the packet's first byte. */
    public int arrayOffset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public int headroom() {
        return offset;
    }

    public int tailroom() {
        return array.length - offset - length;
    }

    /** Empties the packet and moves its start to {@code headroom}; used when reusing a buffer. */
    public PacketBuffer clear(int headroom) {
        if (headroom < 0 || headroom > array.length) {
            throw new IndexOutOfBoundsException("headroom " + headroom + " outside array of " + array.length);
        }
        offset = headroom;
        length = 0;
        return this;
    }

    /** Sets the start and length of the packet inside the array, for receiving straight into it. */
    public PacketBuffer setBounds(int arrayOffset, int length) {
        Objects.checkFromIndexSize(arrayOffset, length, array.length);
        this.offset = arrayOffset;
        this.length = length;
        return this;
    }

    /** Grows the packet at the front by {@code n} bytes (for a header) and returns its new array offset. */
    public int prepend(int n) {
        if (n < 0 || n > offset) {
            throw new IndexOutOfBoundsException("cannot prepend " + n + " bytes with " + offset + " headroom");
        }
        offset -= n;
        length += n;
        return offset;
    }

    /** Removes {@code n} bytes from the front (a header that was consumed). */
    public void trimFront(int n) {
        if (n < 0 || n > length) {
            throw new IndexOutOfBoundsException("cannot trim " + n + " of " + length + " bytes");
        }
        offset += n;
        length -= n;
    }

    /** Grows the packet at the end by {@code n} bytes and returns the array index where they start. */
    public int append(int n) {
        if (n < 0 || n > tailroom()) {
            throw new IndexOutOfBoundsException("cannot append " + n + " bytes with " + tailroom() + " tailroom");
        }
        int at = offset + length;
        length += n;
        return at;
    }

    /** Appends a copy of {@code src[from, from + n)}. */
    public void append(byte[] src, int from, int n) {
        System.arraycopy(src, from, array, append(n), n);
    }

    /** Cuts the packet to {@code newLength} bytes, or grows it into the tailroom. */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > array.length - offset) {
            throw new IndexOutOfBoundsException("length " + newLength + " outside " + (array.length - offset));
        }
        length = newLength;
    }

    /** Copies {@code source}'s packet into this buffer, keeping this buffer's headroom. */
    public void copyFrom(PacketBuffer source) {
        if (source.length > array.length - offset) {
            throw new IndexOutOfBoundsException("packet of " + source.length + " bytes does not fit");
        }
        System.arraycopy(source.array, source.offset, array, offset, source.length);
        length = source.length;
    }

    /** A copy of the packet's bytes; allocates, so not for the data path. */
    public byte[] toByteArray() {
        byte[] copy = new byte[length];
        System.arraycopy(array, offset, copy, 0, length);
        return copy;
    }

    public int getUnsignedByte(int index) {
        return array[checkIndex(index, 1)] & 0xFF;
    }

    public int getUnsignedShort(int index) {
        int i = checkIndex(index, 2);
        return ((array[i] & 0xFF) << 8) | (array[i + 1] & 0xFF);
    }

    public int getInt(int index) {
        int i = checkIndex(index, 4);
        return ((array[i] & 0xFF) << 24) | ((array[i + 1] & 0xFF) << 16) | ((array[i + 2] & 0xFF) << 8)
                | (array[i + 3] & 0xFF);
    }

    public long getLong(int index) {
        return ((long) getInt(index) << 32) | (getInt(index + 4) & 0xFFFFFFFFL);
    }

    public void putByte(int index, int value) {
        array[checkIndex(index, 1)] = (byte) value;
    }

    public void putShort(int index, int value) {
        int i = checkIndex(index, 2);
        array[i] = (byte) (value >>> 8);
        array[i + 1] = (byte) value;
    }

    public void putInt(int index, int value) {
        int i = checkIndex(index, 4);
        array[i] = (byte) (value >>> 24);
        array[i + 1] = (byte) (value >>> 16);
        array[i + 2] = (byte) (value >>> 8);
        array[i + 3] = (byte) value;
    }

    public void putLong(int index, long value) {
        putInt(index, (int) (value >>> 32));
        putInt(index + 4, (int) value);
    }

    /** The IP version nibble of the first byte (4 or 6 for IP packets), or -1 when the packet is empty. */
    public int ipVersion() {
        return length == 0 ? -1 : (array[offset] & 0xFF) >>> 4;
    }

    /** Returns the buffer to its pool; a no-op for unpooled buffers. The caller must not use it again. */
    public void release() {
        if (pool != null) {
            pool.release(this);
        }
    }

    /** The pool this buffer returns to, or null. */
    public PacketBufferPool pool() {
        return pool;
    }

    private int checkIndex(int index, int size) {
        if (index < 0 || index > length - size) {
            throw new IndexOutOfBoundsException("index " + index + "+" + size + " outside packet of " + length);
        }
        return offset + index;
    }

    @Override
    public String toString() {
        return "PacketBuffer[length=" + length + ", headroom=" + headroom() + ", tailroom=" + tailroom() + "]";
    }
}
