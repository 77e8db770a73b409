package dev.quetzal.plugin.tun;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.tun.ErrnoException;
import dev.quetzal.tun.TunDevice;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network is the host's own: client packets are written to a Linux TUN device, as if they
 * arrived on it, and whatever the kernel routes to the device goes back to the clients. Needs
 * CAP_NET_ADMIN. Writes happen on the caller's thread (a TUN write hands the packet to the kernel
 * and returns, the device takes concurrent writers without a lock); one platform thread reads,
 * since it blocks in the kernel.
 */
final class TunBackend implements Backend {
    static final String ROUTE_SOURCE = "tun";
    private static final Logger log = LoggerFactory.getLogger(TunBackend.class);
    private static final Duration READER_STOP_WAIT = Duration.ofSeconds(2);
    /** errno.h; the same number on every Linux architecture. */
    private static final int EINVAL = 22;

    private final TunConfig config;
    private final BackendContext context;
    private final LinkSetup linkSetup;
    private final TunCounters counters;
    private final AtomicBoolean writeFailureLogged = new AtomicBoolean();
    private volatile TunDevice device;
    private volatile BackendState state = new BackendState.Disconnected("not started");
    private volatile String deviceName;
    private volatile boolean closed;
    private Thread reader;
    private boolean routesPublished;

    TunBackend(TunConfig config, BackendContext context, LinkSetup.CommandRunner commands) {
        this.config = config;
        this.context = context;
        this.linkSetup = new LinkSetup(commands);
        this.counters = new TunCounters(context.metrics());
        this.deviceName = config.device();
    }

    /**
     * Opens the device, sets it up when {@code configure} says so, starts the reader and reports
     * the uplink as connected.
     *
     * @throws IOException when the device cannot be opened (the message names CAP_NET_ADMIN when
     *     that is what is missing) or {@code ip} fails
     */
    @Override
    public void start() throws IOException {
        publish(new BackendState.Connecting(1));
        TunDevice opened = open();
        deviceName = opened.name();
        if (config.configure()) {
            try {
                linkSetup.apply(opened.name(), config.mtu(), config.addresses(), poolRanges());
            } catch (IOException e) {
                opened.close();
                publish(new BackendState.Disconnected(e.getMessage()));
                throw e;
            }
        }
        if (config.mtu() > context.buffers().capacity()) {
            log.warn("tun backend {}: mtu {} exceeds the packet buffers' capacity {}; longer packets from the device"
                    + " are dropped (raise buffers.capacity)", context.componentName(), config.mtu(),
                    context.buffers().capacity());
        }
        device = opened;
        TunReader loop = new TunReader(opened, context.buffers(), context.router(), counters, this::readFailed);
        reader = Thread.ofPlatform().daemon().name("tun-" + opened.name()).start(loop);
        List<Route> routes = config.routes().stream().map(prefix -> Route.include(prefix, ROUTE_SOURCE)).toList();
        if (!routes.isEmpty()) {
            context.routes().publish(ROUTE_SOURCE, routes);
            routesPublished = true;
        }
        log.info("tun backend {} on TUN device {}{}, {} route(s)", context.componentName(), opened.name(),
                config.configure() ? " (configured with ip)" : "", routes.size());
        publish(new BackendState.Connected(new UplinkInfo(
                config.addresses(), config.dnsServers(), config.dnsSuffixes(), routes, config.mtu())));
    }

    private TunDevice open() throws IOException {
        try {
            return TunDevice.open(config.device());
        } catch (IOException | UnsupportedOperationException e) {
            String reason = "tun backend " + context.componentName() + ": " + e.getMessage();
            publish(new BackendState.Disconnected(reason));
            throw new IOException(reason, e);
        }
    }

    /** The client address pool's ranges: what the kernel must route back into the device. */
    private List<IpPrefix> poolRanges() {
        AddressPool pool = context.addressPool();
        List<IpPrefix> ranges = new ArrayList<>(2);
        pool.range(IpFamily.IPV4).ifPresent(ranges::add);
        pool.range(IpFamily.IPV6).ifPresent(ranges::add);
        return ranges;
    }

    private void readFailed(IOException e) {
        if (closed) {
            return;
        }
        String reason = "TUN device " + deviceName + " failed: " + e.getMessage();
        log.error("tun backend {}: {}; packets are dropped until the gateway is restarted", context.componentName(),
                reason);
        TunDevice failed = device;
        device = null;
        if (failed != null) {
            failed.close();
        }
        publish(new BackendState.Disconnected(reason));
    }

    @Override
    public void send(PacketBuffer packet) {
        TunDevice current = device;
        try {
            if (current == null) {
                counters.notRunning.increment();
                return;
            }
            int length = packet.length();
            current.write(packet.array(), packet.arrayOffset(), length);
            counters.outboundPackets.increment();
            counters.outboundBytes.add(length);
        } catch (ClosedChannelException e) {
            counters.notRunning.increment();
        } catch (ErrnoException e) {
            (e.errno() == EINVAL ? counters.refused : counters.writeError).increment();
            logWriteFailure(e);
        } catch (IOException | RuntimeException e) {
            counters.writeError.increment();
            logWriteFailure(e);
        } finally {
            packet.release();
        }
    }

    /** The first refusal at warn, so a misconfiguration shows; the rest at debug, so a flood cannot. */
    private void logWriteFailure(Exception e) {
        if (writeFailureLogged.compareAndSet(false, true)) {
            log.warn("tun backend {}: a packet was dropped (further drops are logged at debug): {}",
                    context.componentName(), e.getMessage());
        } else {
            log.debug("tun backend {}: a packet was dropped: {}", context.componentName(), e.getMessage());
        }
    }

    private void publish(BackendState next) {
        state = next;
        context.publishState(next);
    }

    @Override
    public BackendState state() {
        return state;
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("device", deviceName);
        status.put("open", device != null);
        status.put("configure", config.configure());
        status.put("mtu", config.mtu());
        status.putAll(counters.snapshot());
        return status;
    }

    /** Closes the device, which wakes the reader, and waits briefly for it; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        TunDevice current = device;
        device = null;
        if (current != null) {
            current.close();
        }
        Thread readerThread = reader;
        if (readerThread != null && readerThread != Thread.currentThread()) {
            try {
                if (!readerThread.join(READER_STOP_WAIT)) {
                    log.warn("tun backend {}: reader {} did not stop within {}", context.componentName(),
                            readerThread.getName(), READER_STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (routesPublished) {
            context.routes().publish(ROUTE_SOURCE, List.of());
            routesPublished = false;
        }
        if (!(state instanceof BackendState.Disconnected)) {
            publish(new BackendState.Disconnected("stopped"));
        }
    }
}
