package dev.quetzal.emulator.tunnel;

import dev.quetzal.fortivpn.ppp.FortiFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The sending half of one tunnel connection: producers (the corporate network, the PPP endpoint,
 * test hooks) copy frames into preallocated slots of a lock-free queue; one writer thread drains it
 * and packs consecutive frames into a single TLS write of at most 16 KiB (one TLS record).
 *
 * <p>No allocation per frame: slots are reused, and only grow for a frame larger than any before.
 * A full queue drops the frame (the caller counts it) unless the producer asks to wait.
 */
final class FrameWriter {
    static final int SLOTS = 1024;
    static final int RECORD_SIZE = 16 * 1024;
    private static final int INITIAL_SLOT_SIZE = 2048;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_PRODUCER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Marks a frame that already starts with its protocol field (PPP protocols are 16-bit). */
    private static final int NO_PROTOCOL = -1;

    private static final class Slot {
        byte[] data = new byte[INITIAL_SLOT_SIZE];
        int length;
    }

    private final MpmcRing<Slot> ready = new MpmcRing<>(SLOTS);
    private final MpmcRing<Slot> free = new MpmcRing<>(SLOTS);
    private final OutputStream out;
    private final IntConsumer written;
    private final byte[] record = new byte[RECORD_SIZE];
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean parked;
    private volatile boolean stopping;
    private volatile boolean failed;

    /** @param written told the size of every write, for the byte-count test hook */
    FrameWriter(OutputStream out, IntConsumer written) {
        this.out = out;
        this.written = written;
        for (int i = 0; i < SLOTS; i++) {
            free.offer(new Slot());
        }
    }

    void start(String name) {
        // A platform thread, as for the connection's reader: it wakes for nearly every frame.
        thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /**
     * Queues an IP packet as a frame: Fortinet header, optional {@code ff 03}, 2-byte protocol, packet.
     * With {@code wait} the caller is held (at most 5 s) while the queue is full; otherwise a full queue
     * returns false.
     */
    boolean offerPacket(byte[] packet, int offset, int length, int protocol, boolean addressControl, boolean wait) {
        return offer(packet, offset, length, addressControl, protocol, wait);
    }

    /** Queues a PPP frame (protocol field first, or {@code ff 03} first) behind a Fortinet header. */
    boolean offerFrame(byte[] frame, int offset, int length, boolean addressControl) {
        boolean hasAddressControl = length >= 2 && (frame[offset] & 0xFF) == 0xFF && frame[offset + 1] == 0x03;
        return offer(frame, offset, length, addressControl && !hasAddressControl, NO_PROTOCOL, false);
    }

    /**
     * Copies one frame into a free slot and publishes it: Fortinet header, {@code ff 03} if
     * {@code addressControl}, the 2-byte protocol unless it is {@link #NO_PROTOCOL}, then the payload.
     */
    private boolean offer(byte[] payload, int offset, int length, boolean addressControl, int protocol, boolean wait) {
        Slot slot = takeFree(wait);
        if (slot == null) {
            return false;
        }
        int pppLength = length + (addressControl ? 2 : 0) + (protocol == NO_PROTOCOL ? 0 : 2);
        byte[] data = ensure(slot, FortiFrame.HEADER_LENGTH + pppLength);
        FortiFrame.writeHeader(data, 0, pppLength);
        int at = FortiFrame.HEADER_LENGTH;
        if (addressControl) {
            data[at++] = (byte) 0xFF;
            data[at++] = 0x03;
        }
        if (protocol != NO_PROTOCOL) {
            data[at++] = (byte) (protocol >>> 8);
            data[at++] = (byte) protocol;
        }
        System.arraycopy(payload, offset, data, at, length);
        slot.length = at + length;
        publish(slot);
        return true;
    }

    /** Queues bytes exactly as given (a deliberately broken frame). */
    boolean offerRaw(byte[] bytes) {
        Slot slot = takeFree(false);
        if (slot == null) {
            return false;
        }
        System.arraycopy(bytes, 0, ensure(slot, bytes.length), 0, bytes.length);
        slot.length = bytes.length;
        publish(slot);
        return true;
    }

    /** Stops after writing what is queued; waits at most {@code timeoutMillis}. */
    void stop(long timeoutMillis) {
        stopping = true;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The connection failed under the writer (or it was stopped). */
    boolean failed() {
        return failed;
    }

    private void run() {
        int filled = 0;
        try {
            while (true) {
                Slot slot = ready.poll();
                if (slot == null) {
                    if (filled > 0) {
                        write(record, filled);
                        filled = 0;
                        continue;
                    }
                    if (stopping) {
                        break;
                    }
                    parked = true;
                    if (ready.isEmpty() && !stopping) {
                        LockSupport.parkNanos(PARK_NANOS);
                    }
                    parked = false;
                    continue;
                }
                if (slot.length > RECORD_SIZE) {
                    if (filled > 0) {
                        write(record, filled);
                        filled = 0;
                    }
                    write(slot.data, slot.length);
                } else {
                    if (filled + slot.length > RECORD_SIZE) {
                        write(record, filled);
                        filled = 0;
                    }
                    System.arraycopy(slot.data, 0, record, filled, slot.length);
                    filled += slot.length;
                }
                free.offer(slot);
            }
        } catch (IOException e) {
            // The connection is gone (reset, closed by a hook or by the peer); the reader side ends too.
            failed = true;
        } finally {
            stopping = true;
            finished.countDown();
        }
    }

    private void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        out.flush();
        written.accept(length);
    }

    private Slot takeFree(boolean wait) {
        if (stopping || failed) {
            return null;
        }
        Slot slot = free.poll();
        if (slot != null || !wait) {
            return slot;
        }
        long deadline = System.nanoTime() + MAX_PRODUCER_WAIT_NANOS;
        while ((slot = free.poll()) == null) {
            if (stopping || failed || System.nanoTime() > deadline) {
                return null;
            }
            LockSupport.parkNanos(20_000);
        }
        return slot;
    }

    private static byte[] ensure(Slot slot, int size) {
        if (slot.data.length < size) {
            slot.data = new byte[Math.max(size, slot.data.length * 2)];
        }
        return slot.data;
    }

    private void publish(Slot slot) {
        ready.offer(slot);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }
}
