package dev.quetzal.plugin.tun;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.tun.TunDevice;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's one reader: reads each packet straight into a pooled buffer (no copy beyond the
 * device's own) and hands it to the router. Ends when the device is closed, or calls
 * {@code onFailure} once when the kernel refuses a read (e.g. the interface was deleted).
 */
final class TunReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TunReader.class);

    private final TunDevice device;
    private final PacketBufferPool pool;
    private final PacketRouter router;
    private final TunCounters counters;
    private final Consumer<IOException> onFailure;
    private long oversizedSeen;

    TunReader(TunDevice device, PacketBufferPool pool, PacketRouter router, TunCounters counters,
            Consumer<IOException> onFailure) {
        this.device = device;
        this.pool = pool;
        this.router = router;
        this.counters = counters;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        PacketBuffer packet = pool.acquire();
        try {
            while (true) {
                packet.clear(pool.headroom());
                int n;
                try {
                    n = device.read(packet.array(), packet.arrayOffset(), packet.tailroom());
                } catch (IOException e) {
                    onFailure.accept(e);
                    return;
                }
                countOversized();
                if (n < 0) {
                    return;
                }
                packet.setLength(n);
                counters.inboundPackets.increment();
                counters.inboundBytes.add(n);
                PacketBuffer handed = packet;
                // Ownership passes to the router even if it throws; never touch this buffer again.
                packet = null;
                try {
                    router.fromNetwork(handed);
                } catch (RuntimeException e) {
                    log.warn("router refused a packet from TUN device {}: {}", device.name(), e.toString());
                }
                packet = pool.acquire();
            }
        } finally {
            if (packet != null) {
                packet.release();
            }
        }
    }

    /** The device drops what does not fit a buffer; mirror its count in our metric. */
    private void countOversized() {
        long now = device.oversizedPackets();
        if (now != oversizedSeen) {
            counters.oversized.add(now - oversizedSeen);
            oversizedSeen = now;
        }
    }
}
