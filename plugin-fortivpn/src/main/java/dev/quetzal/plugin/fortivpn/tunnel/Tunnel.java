package dev.quetzal.plugin.fortivpn.tunnel;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import dev.quetzal.fortivpn.ppp.PppSettings;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PPP-over-TLS tunnel on the connection that carried the tunnel request: a reader thread, a writer
 * thread, the PPP endpoint (client role) and a 250 ms tick. It ends once, for whatever reason (the
 * stream ends, PPP goes down, a refusal, {@link #terminate}), and then tells its owner after both
 * threads have stopped, so the next tunnel's writer never overlaps this one on the shared queue.
 */
public final class Tunnel {
    private static final Logger log = LoggerFactory.getLogger(Tunnel.class);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final int ABORTING = 1;
    private static final int FLUSHING = 2;

    /** Why a tunnel ended, for the reconnect policy. */
    public enum End {
        /** The connection broke, the peer went silent, or the frames were garbage: reconnect. */
        DROPPED,
        /** The FortiGate sent an LCP Terminate-Request (session timeout, admin action): reconnect. */
        PEER_TERMINATED,
        /** The FortiGate answered the tunnel request with HTTP. */
        REFUSED,
        /** PPP negotiation failed. */
        NEGOTIATION_FAILED,
        /** We ended it ({@link #terminate} or {@link #abort}). */
        LOCAL
    }

    /** The owner's side. Both calls must not block. */
    public interface Events {
        /** IPCP (and IPv6CP) opened. Called under the PPP lock. */
        void up(Tunnel tunnel, NetworkParameters parameters);

        /** Called once, after the socket closed and the threads stopped. */
        void down(Tunnel tunnel, End end, String reason);
    }

    private final String name;
    private final HttpConnection connection;
    private final MpscArrayQueue<PacketBuffer> queue;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Events events;
    private final Queue<byte[]> control = new ConcurrentLinkedQueue<>();
    private final PppEndpoint endpoint;
    private final TunnelWriter writer;
    private final TunnelReader reader;
    /** 0 running, then {@link #ABORTING} or {@link #FLUSHING}, set once. */
    private final AtomicInteger stopState = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final int ourMru;
    private volatile int mtu = 1500;
    private volatile NetworkParameters parameters;
    private volatile Thread writerThread;
    private volatile Thread readerThread;
    private volatile Scheduler.Cancellable tick;

    /**
     * @param connection the connection the tunnel request was just written on
     * @param queue IP packets to send; shared with the backend, drained only by this tunnel's writer
     */
    public Tunnel(String name, HttpConnection connection, PppSettings settings, int magic,
            MpscArrayQueue<PacketBuffer> queue, PacketBufferPool pool, PacketRouter router, TimeSource time,
            Scheduler scheduler, TunnelCounters counters, Events events) {
        this.name = name;
        this.connection = connection;
        this.queue = queue;
        this.scheduler = scheduler;
        this.time = time;
        this.events = events;
        this.ourMru = settings.mru();
        this.endpoint = new PppEndpoint(settings, magic, new PppListener());
        this.writer = new TunnelWriter(queue, control, connection.output(), counters, new WriterLink());
        this.reader = new TunnelReader(connection, endpoint, pool, router, time, counters, new ReaderEnding());
    }

    /** Starts the threads and PPP (our LCP Configure-Request goes out at once, as OpenConnect's does). */
    public void start() {
        writerThread = Thread.ofPlatform().name("fortivpn-writer-" + name).daemon().start(writer);
        readerThread = Thread.ofPlatform().name("fortivpn-reader-" + name).daemon().start(reader);
        endpoint.open(time.nanoTime());
        tick = scheduler.scheduleWithFixedDelay(TICK, TICK, () -> endpoint.tick(time.nanoTime()));
        if (stopState.get() != 0) {
            // Ended while starting (the server closed at once): stop() may have missed the timer.
            tick.cancel();
        }
    }

    /** Wakes the writer after packets were queued. Cheap: one volatile read when the writer is busy. */
    public void wake() {
        writer.wake();
    }

    /** The largest IP packet the FortiGate takes: its MRU (and ours), known once the link is up. */
    public int mtu() {
        return mtu;
    }

    public boolean isUp() {
        return parameters != null && stopState.get() == 0;
    }

    /** What PPP settled, or null before it did. */
    public NetworkParameters parameters() {
        return parameters;
    }

    /** A one-line state for the status page. */
    public String describe() {
        return endpoint.describe();
    }

    /**
     * Ends the tunnel in order: LCP Terminate-Request, up to {@code wait} for the Ack, then the
     * connection closes (TLS close_notify). Returns when the tunnel has stopped (or after a bounded extra
     * wait).
     */
    public void terminate(String reason, Duration wait) {
        if (stopState.get() == 0 && parameters != null) {
            endpoint.terminate(reason, time.nanoTime());
            writer.wake();
            try {
                if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop(End.LOCAL, reason, false);
        awaitStopped(Duration.ofSeconds(2));
    }

    /** Ends the tunnel at once (closes the TCP connection). */
    public void abort(String reason) {
        stop(End.LOCAL, reason, false);
    }

    /** Waits up to {@code wait} for both threads to finish and the owner to be told. */
    public boolean awaitStopped(Duration wait) {
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Ends the tunnel once. With {@code flush}, the writer first sends the control frames queued (a
     * Terminate-Ack) and closes TLS in order; otherwise the TCP connection is cut at once. The owner
     * hears of it on a separate thread, after both threads ended.
     */
    private void stop(End end, String reason, boolean flush) {
        if (!stopState.compareAndSet(0, flush ? FLUSHING : ABORTING)) {
            return;
        }
        Scheduler.Cancellable timer = tick;
        if (timer != null) {
            timer.cancel();
        }
        if (!flush) {
            connection.abort();
        }
        writer.wake();
        Thread.ofVirtual().name("fortivpn-closer-" + name).start(() -> {
            join(writerThread, Duration.ofSeconds(1));
            if (flush) {
                // The writer flushed; now the orderly close, bounded by the abort right after it.
                Thread closer = Thread.ofVirtual().start(connection::close);
                join(closer, Duration.ofSeconds(1));
            }
            connection.abort();
            join(writerThread, Duration.ofSeconds(1));
            join(readerThread, Duration.ofSeconds(2));
            log.debug("tunnel {} ended ({}): {}", name, end, reason);
            try {
                events.down(this, end, reason);
            } finally {
                stopped.countDown();
            }
        });
    }

    private static void join(Thread thread, Duration wait) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class PppListener implements PppEndpoint.Listener {
        @Override
        public void sendFrame(byte[] frame, int offset, int length) {
            byte[] copy = new byte[length];
            System.arraycopy(frame, offset, copy, 0, length);
            control.add(copy);
            writer.wake();
        }

        @Override
        public void networkUp(NetworkParameters settled) {
            int peerMru = settled.peerMru() <= 0 ? 1500 : settled.peerMru();
            // What clients may send must fit the FortiGate's MRU, and what comes back ours.
            mtu = Math.max(576, Math.min(65_535, ourMru == 0 ? peerMru : Math.min(peerMru, ourMru)));
            parameters = settled;
            events.up(Tunnel.this, settled);
            writer.wake();
        }

        @Override
        public void linkDown(PppEndpoint.LinkDownReason why, String detail) {
            String text = detail == null || detail.isBlank() ? "" : ": " + detail;
            switch (why) {
                case PEER_TERMINATE -> stop(End.PEER_TERMINATED, "the FortiGate ended the tunnel" + text, true);
                case PEER_DEAD -> stop(End.DROPPED, "the FortiGate stopped answering LCP echoes" + text, false);
                case LOCAL_TERMINATE -> stop(End.LOCAL, "tunnel closed" + text, true);
                case NEGOTIATION_FAILED -> stop(End.NEGOTIATION_FAILED, "PPP negotiation failed" + text, true);
                case NO_NETWORK_PROTOCOL -> stop(End.NEGOTIATION_FAILED, "PPP opened no network protocol" + text, true);
            }
        }
    }

    private final class WriterLink implements TunnelWriter.Link {
        @Override
        public boolean ipv4Open() {
            return endpoint.ipv4Open();
        }

        @Override
        public boolean ipv6Open() {
            return endpoint.ipv6Open();
        }

        @Override
        public int mtu() {
            return mtu;
        }

        @Override
        public boolean stopping() {
            return stopState.get() != 0;
        }

        @Override
        public boolean flushOnStop() {
            return stopState.get() == FLUSHING;
        }

        @Override
        public void writeFailed(IOException e) {
            stop(End.DROPPED, "tunnel write failed: " + e.getMessage(), false);
        }
    }

    private final class ReaderEnding implements TunnelReader.Ending {
        @Override
        public void refused(String statusLine) {
            stop(End.REFUSED, "the FortiGate refused the tunnel: " + statusLine, false);
        }

        @Override
        public void ended(String reason) {
            stop(End.DROPPED, reason, false);
        }
    }
}
