package dev.quetzal.plugin.fortivpn.tunnel;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.PppProtocol;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

/**
 * The tunnel's only writer. Drains control frames first, then IP packets (once their network protocol
 * is open), framing each packet in its own headroom ({@link FortiFrame#encapsulate}) and copying the
 * frames into one batch array that goes out in a single socket write, so one TLS record carries many
 * small packets. Parks when there is nothing to send; producers unpark it with {@link #wake()}.
 *
 * <p>Allocation-free per packet: the batch array is allocated once and packets are released here.
 */
final class TunnelWriter implements Runnable {
    /** Under TLS's 16 384-byte record limit, so a batch is one record. */
    static final int BATCH_BYTES = 16_000;
    /** PPP protocol field plus the Fortinet header. */
    private static final int FRAMING = 2 + FortiFrame.HEADER_LENGTH;

    /** What the writer needs to know about the link, read per packet (volatile reads). */
    interface Link {
        boolean ipv4Open();

        boolean ipv6Open();

        /** The largest IP packet the peer accepts. */
        int mtu();

        /** True once the tunnel is stopping: exit, after flushing control frames when {@link #flushOnStop()}. */
        boolean stopping();

        boolean flushOnStop();

        /** The writer failed: the connection is broken. */
        void writeFailed(IOException e);
    }

    private final MpscArrayQueue<PacketBuffer> queue;
    private final Queue<byte[]> control;
    private final OutputStream out;
    private final TunnelCounters counters;
    private final Link link;
    private final byte[] batch = new byte[BATCH_BYTES];
    private volatile Thread thread;
    private volatile boolean parked;

    TunnelWriter(MpscArrayQueue<PacketBuffer> queue, Queue<byte[]> control, OutputStream out, TunnelCounters counters,
            Link link) {
        this.queue = queue;
        this.control = control;
        this.out = out;
        this.counters = counters;
        this.link = link;
    }

    /** Called by producers after adding work: unparks the writer if it sleeps. */
    void wake() {
        if (parked) {
            parked = false;
            Thread writer = thread;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        PacketBuffer carry = null;
        try {
            while (true) {
                if (link.stopping()) {
                    if (link.flushOnStop()) {
                        int n = drainControl(0);
                        if (n > 0) {
                            out.write(batch, 0, n);
                            out.flush();
                        }
                    }
                    return;
                }
                int n = drainControl(0);
                if (link.ipv4Open() || link.ipv6Open()) {
                    while (true) {
                        PacketBuffer packet = carry != null ? carry : queue.poll();
                        carry = null;
                        if (packet == null) {
                            break;
                        }
                        int framed = packet.length() + FRAMING;
                        if (n + framed > BATCH_BYTES && n > 0) {
                            carry = packet;
                            break;
                        }
                        n = frame(packet, n);
                    }
                }
                if (n > 0) {
                    out.write(batch, 0, n);
                    out.flush();
                    continue;
                }
                parked = true;
                if (control.isEmpty() && (queue.isEmpty() || !(link.ipv4Open() || link.ipv6Open())) && !link.stopping()) {
                    // Bounded, so a missed wake-up costs latency, never a stall.
                    LockSupport.parkNanos(this, 50_000_000L);
                }
                parked = false;
            }
        } catch (IOException e) {
            if (!link.stopping()) {
                link.writeFailed(e);
            }
        } finally {
            if (carry != null) {
                carry.release();
            }
            thread = null;
        }
    }

    /** Frames {@code packet} into the batch at {@code n} (or writes it alone when it is bigger than a batch). */
    private int frame(PacketBuffer packet, int n) throws IOException {
        int protocol = switch (packet.ipVersion()) {
            case 4 -> link.ipv4Open() ? PppProtocol.IPV4 : -1;
            case 6 -> link.ipv6Open() ? PppProtocol.IPV6 : -1;
            default -> -2;
        };
        int length = packet.length();
        if (protocol == -2 || packet.headroom() < FRAMING) {
            counters.dropMalformedOut.increment();
            packet.release();
            return n;
        }
        if (protocol < 0) {
            counters.dropDown.increment();
            packet.release();
            return n;
        }
        if (length > link.mtu()) {
            counters.dropOversizeOut.increment();
            packet.release();
            return n;
        }
        try {
            FortiFrame.encapsulate(packet, protocol);
            int framed = packet.length();
            if (framed > BATCH_BYTES) {
                // A jumbo packet (MRU above the batch size) goes out in its own write.
                if (n > 0) {
                    out.write(batch, 0, n);
                    n = 0;
                }
                out.write(packet.array(), packet.arrayOffset(), framed);
            } else {
                System.arraycopy(packet.array(), packet.arrayOffset(), batch, n, framed);
                n += framed;
            }
            counters.packetsOut.increment();
            counters.bytesOut.add(length);
            return n;
        } finally {
            packet.release();
        }
    }

    /** Copies queued control frames, each behind its Fortinet header, into the batch from {@code n}. */
    private int drainControl(int n) throws IOException {
        byte[] frame;
        while ((frame = control.peek()) != null) {
            int framed = frame.length + FortiFrame.HEADER_LENGTH;
            if (n + framed > BATCH_BYTES) {
                if (n > 0) {
                    out.write(batch, 0, n);
                    n = 0;
                }
                if (framed > BATCH_BYTES) {
                    // Only a Protocol-Reject under a jumbo MRU gets this big: write it alone.
                    control.poll();
                    byte[] alone = new byte[framed];
                    FortiFrame.writeHeader(alone, 0, frame.length);
                    System.arraycopy(frame, 0, alone, FortiFrame.HEADER_LENGTH, frame.length);
                    out.write(alone);
                    counters.controlOut.increment();
                    continue;
                }
            }
            control.poll();
            FortiFrame.writeHeader(batch, n, frame.length);
            System.arraycopy(frame, 0, batch, n + FortiFrame.HEADER_LENGTH, frame.length);
            n += framed;
            counters.controlOut.increment();
        }
        return n;
    }
}
