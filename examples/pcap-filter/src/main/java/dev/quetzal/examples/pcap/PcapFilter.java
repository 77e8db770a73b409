package dev.quetzal.examples.pcap;

import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Scheduler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every packet it sees, in both directions, to a pcap file, and passes it on unchanged.
 *
 * <p>Outbound packets arrive on frontend threads and inbound ones on the backend's reader, so one lock
 * guards the writer. That breaks the data path's no-lock rule on purpose: this is a debugging filter,
 * and a lock around a buffered stream is simple and correct; the buffer is flushed every second and
 * on close. An I/O error stops the capture (a record half written would corrupt the rest of the file)
 * and is logged once and counted; packets keep flowing.
 */
final class PcapFilter implements PacketFilter {
    /** Opens the capture file; tests substitute streams that fail. */
    interface FileOpener {
        OutputStream open(Path file) throws IOException;
    }

    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PcapFilter.class);

    private final PcapFilterConfig config;
    private final FilterContext context;
    private final FileOpener opener;
    private final Object lock = new Object();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();

    /** Null before start, after close and after an I/O error. Guarded by {@link #lock}. */
    private PcapWriter writer;
    /** Guarded by {@link #lock}. */
    private boolean failed;
    /** Control thread only. */
    private Scheduler.Cancellable flushing;

    PcapFilter(PcapFilterConfig config, FilterContext context) {
        this(config, context, Files::newOutputStream);
    }

    PcapFilter(PcapFilterConfig config, FilterContext context, FileOpener opener) {
        this.config = config;
        this.context = context;
        this.opener = opener;
    }

    /** Creates (or replaces) the file and writes its header; failing here aborts the start, which is what a user who asked for a capture wants. */
    @Override
    public void start() throws IOException {
        OutputStream out = opener.open(config.file());
        PcapWriter opened;
        try {
            opened = new PcapWriter(new BufferedOutputStream(out, BUFFER_SIZE), config.snapLength());
        } catch (IOException e) {
            out.close();
            throw e;
        }
        synchronized (lock) {
            writer = opened;
        }
        flushing = context.scheduler().scheduleWithFixedDelay(FLUSH_INTERVAL, FLUSH_INTERVAL, this::flush);
        log.info("{}: capturing packets to {}", context.componentName(), config.file());
    }

    @Override
    public Verdict outbound(PacketBuffer packet, ClientSession client) {
        record(packet);
        return Verdict.PASS;
    }

    @Override
    public Verdict inbound(PacketBuffer packet) {
        record(packet);
        return Verdict.PASS;
    }

    private void record(PacketBuffer packet) {
        synchronized (lock) {
            if (writer == null) {
                if (failed) {
                    missed.incrementAndGet();
                }
                return;
            }
            try {
                // Read the clock under the lock, so records are in time order across threads.
                writer.write(context.time().now(), packet.array(), packet.arrayOffset(), packet.length());
                captured.incrementAndGet();
            } catch (IOException e) {
                missed.incrementAndGet();
                stopAfter(e);
            }
        }
    }

    /** Pushes buffered records to the file, so a capture can be read while the gateway runs. */
    void flush() {
        synchronized (lock) {
            if (writer != null) {
                try {
                    writer.flush();
                } catch (IOException e) {
                    stopAfter(e);
                }
            }
        }
    }

    /** Called with the lock held. */
    private void stopAfter(IOException e) {
        ioErrors.incrementAndGet();
        if (!failed) {
            failed = true;
            log.warn("{}: cannot write {}, capture stopped, packets keep flowing: {}", context.componentName(), config.file(), e.toString());
        }
        try {
            writer.close();
        } catch (IOException _) {
            // the stream is already broken; the first error was logged
        }
        writer = null;
    }

    @Override
    public void close() {
        if (flushing != null) {
            flushing.cancel();
            flushing = null;
        }
        synchronized (lock) {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    stopAfter(e);
                }
                writer = null;
            }
        }
    }

    @Override
    public Map<String, Object> status() {
        return Map.of(
                "file", config.file().toString(),
                "packetsCaptured", captured.get(),
                "packetsMissed", missed.get(),
                "ioErrors", ioErrors.get());
    }
}
