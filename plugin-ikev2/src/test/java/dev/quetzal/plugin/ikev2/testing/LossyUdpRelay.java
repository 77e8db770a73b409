package dev.quetzal.plugin.ikev2.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad path on loopback (the kernel here has no netem): a UDP relay that drops, duplicates and reorders datagrams in
 * both directions. The client sends to {@link #address()}; the relay forwards to the gateway from a second socket of
 * its own and sends what the gateway answers back to the client address it last heard from.
 *
 * <p>Each direction draws three numbers per datagram from its own RNG seeded from {@code seed}, so the same sequence
 * of datagrams meets the same faults. A dropped datagram goes nowhere; a duplicated one goes out twice in a row; a
 * reordered one waits until the next datagram of its direction has gone out, or at most {@link #HOLD_MILLIS}, and at
 * most {@link #MAX_HELD} wait at once (more go out in order). {@link #counts} tells what was done.
 */
public final class LossyUdpRelay implements AutoCloseable {
    /** The longest a reordered datagram waits for a successor. */
    public static final long HOLD_MILLIS = 20;
    /** At most this many reordered datagrams wait at once per direction. */
    public static final int MAX_HELD = 4;
    private static final int BUFFER_BYTES = 4 << 20;
    private static final int POLL_MILLIS = 5;

    /** The probability of each fault per datagram, 0..1; a dropped datagram is neither duplicated nor reordered. */
    public record Faults(double drop, double duplicate, double reorder) {
        public Faults {
            for (double p : new double[] {drop, duplicate, reorder}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("a probability is 0..1, got " + p);
                }
            }
        }
    }

    public enum Direction {
        TO_GATEWAY,
        TO_CLIENT
    }

    /** What one direction did; {@code sent} counts each copy that went out. */
    public record Counts(long received, long sent, long dropped, long duplicated, long reordered) {
        /** What happened between {@code before} and this. */
        public Counts minus(Counts before) {
            return new Counts(received - before.received, sent - before.sent, dropped - before.dropped,
                    duplicated - before.duplicated, reordered - before.reordered);
        }
    }

    private final DatagramSocket clientSide;
    private final DatagramSocket gatewaySide;
    private final InetSocketAddress gateway;
    private final Faults faults;
    private final Map<Direction, AtomicLong[]> counters = new EnumMap<>(Direction.class);
    private final Thread toGateway;
    private final Thread toClient;
    private volatile InetSocketAddress client;
    private volatile boolean closed;

    /** Starts relaying to {@code gateway}, from and to two new sockets on 127.0.0.1. */
    public LossyUdpRelay(InetSocketAddress gateway, Faults faults, long seed) throws SocketException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), gateway, faults, seed);
    }

    /**
     * Starts relaying between clients that send to {@code listen} and {@code gateway}, which hears from a socket bound to
     * {@code from} (port 0: any).
     */
    public LossyUdpRelay(InetSocketAddress listen, InetSocketAddress from, InetSocketAddress gateway, Faults faults,
            long seed) throws SocketException {
        this.gateway = gateway;
        this.faults = faults;
        clientSide = open(listen);
        gatewaySide = open(from);
        for (Direction d : Direction.values()) {
            counters.put(d, new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong()});
        }
        toGateway = Thread.ofPlatform().daemon().name("lossy-to-gateway")
                .start(() -> pump(clientSide, gatewaySide, Direction.TO_GATEWAY, new Random(seed)));
        toClient = Thread.ofPlatform().daemon().name("lossy-to-client")
                .start(() -> pump(gatewaySide, clientSide, Direction.TO_CLIENT, new Random(~seed)));
    }

    private static DatagramSocket open(InetSocketAddress at) throws SocketException {
        DatagramSocket socket = new DatagramSocket(at);
        socket.setReceiveBufferSize(BUFFER_BYTES);
        socket.setSendBufferSize(BUFFER_BYTES);
        socket.setSoTimeout(POLL_MILLIS);
        return socket;
    }

    /** Where the client sends: the relay's client-facing socket. */
    public InetSocketAddress address() {
        return (InetSocketAddress) clientSide.getLocalSocketAddress();
    }

    /** What the relay did so far in {@code direction}. */
    public Counts counts(Direction direction) {
        AtomicLong[] c = counters.get(direction);
        return new Counts(c[0].get(), c[1].get(), c[2].get(), c[3].get(), c[4].get());
    }

    private record Held(byte[] data, int copies, long sinceNanos) {
    }

    private void pump(DatagramSocket in, DatagramSocket out, Direction direction, Random random) {
        AtomicLong[] c = counters.get(direction);
        ArrayDeque<Held> held = new ArrayDeque<>();
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                in.receive(packet);
            } catch (SocketTimeoutException e) {
                release(held, out, direction, c, System.nanoTime() - HOLD_MILLIS * 1_000_000L);
                continue;
            } catch (IOException e) {
                return;
            }
            if (direction == Direction.TO_GATEWAY) {
                client = (InetSocketAddress) packet.getSocketAddress();
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            c[0].incrementAndGet();
            // Always three draws, so each datagram's faults depend only on its place in the sequence.
            boolean drop = random.nextDouble() < faults.drop();
            boolean duplicate = random.nextDouble() < faults.duplicate();
            boolean reorder = random.nextDouble() < faults.reorder();
            if (drop) {
                c[2].incrementAndGet();
                continue;
            }
            int copies = duplicate ? 2 : 1;
            if (duplicate) {
                c[3].incrementAndGet();
            }
            if (reorder && held.size() < MAX_HELD) {
                c[4].incrementAndGet();
                held.add(new Held(data, copies, System.nanoTime()));
                continue;
            }
            send(out, direction, data, copies, c);
            release(held, out, direction, c, Long.MAX_VALUE);
        }
    }

    /** Sends the held datagrams that have waited since {@code before} or earlier (all for Long.MAX_VALUE). */
    private void release(ArrayDeque<Held> held, DatagramSocket out, Direction direction, AtomicLong[] c, long before) {
        while (!held.isEmpty() && (before == Long.MAX_VALUE || held.peek().sinceNanos() - before <= 0)) {
            Held h = held.poll();
            send(out, direction, h.data(), h.copies(), c);
        }
    }

    private void send(DatagramSocket out, Direction direction, byte[] data, int copies, AtomicLong[] c) {
        InetSocketAddress to = direction == Direction.TO_GATEWAY ? gateway : client;
        if (to == null) {
            return;
        }
        for (int i = 0; i < copies; i++) {
            try {
                out.send(new DatagramPacket(data, data.length, to));
                c[1].incrementAndGet();
            } catch (IOException e) {
                // The socket closed under us: the relay is going away.
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        clientSide.close();
        gatewaySide.close();
        toGateway.join(5000);
        toClient.join(5000);
    }

    @Override
    public String toString() {
        return "LossyUdpRelay[" + faults + ", to gateway " + counts(Direction.TO_GATEWAY) + ", to client "
                + counts(Direction.TO_CLIENT) + "]";
    }
}
