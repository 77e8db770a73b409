package dev.quetzal.emulator.tun;

import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.tun.TunDevice;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corporate network as a Linux TUN device: client packets are written to it, and whatever the
 * kernel routes to it goes back to the clients. The device is only opened here; addresses, routes
 * and the servers behind it are set up outside, by {@code interop/corporate-netns.sh}, which moves
 * it into a network namespace. Needs CAP_NET_ADMIN.
 *
 * <p>Threads: {@link #fromClient} runs on any number of session threads at once (the device takes
 * concurrent writers without a lock); one platform thread reads, since it blocks in the kernel.
 */
public final class TunCorporateNetwork implements CorporateNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(TunCorporateNetwork.class);
    private static final Duration READER_STOP_WAIT = Duration.ofSeconds(2);

    private final String requestedName;
    private final LongAdder fromClients = new LongAdder();
    private final LongAdder toClients = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();
    private final LongAdder failedDeliveries = new LongAdder();
    private final AtomicBoolean writeFailureLogged = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile TunDevice device;
    private volatile Thread reader;
    private volatile boolean closed;

    /** {@code deviceName}: the interface to create, or a template such as "qzcorp%d" the kernel numbers. */
    public TunCorporateNetwork(String deviceName) {
        this.requestedName = Objects.requireNonNull(deviceName, "deviceName");
    }

    /**
     * Opens the device and starts the reader thread.
     *
     * @throws IOException if the device cannot be opened (the message says why, e.g. no CAP_NET_ADMIN)
     * @throws IllegalStateException when called twice or after close
     */
    @Override
    public void start(ClientSink clients) throws IOException {
        Objects.requireNonNull(clients, "clients");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("TUN corporate network " + requestedName + " already started");
        }
        if (closed) {
            throw new IllegalStateException("TUN corporate network " + requestedName + " is closed");
        }
        TunDevice opened = TunDevice.open(requestedName);
        device = opened;
        reader = Thread.ofPlatform().daemon().name("tun-corporate-" + opened.name())
                .start(() -> readLoop(opened, clients));
        LOG.info("corporate network on TUN device {}", opened.name());
        if (closed) {
            // close() ran while the device opened and saw none: release it here.
            opened.close();
        }
    }

    /** The kernel's name for the device once started (the template filled in), else the name given. */
    public String deviceName() {
        TunDevice current = device;
        return current == null ? requestedName : current.name();
    }

    @Override
    public void fromClient(byte[] packet, int offset, int length) {
        int ipLength = IpPacketLength.of(packet, offset, length);
        if (ipLength == IpPacketLength.MALFORMED) {
            malformed.increment();
            return;
        }
        TunDevice current = device;
        if (current == null) {
            failedWrites.increment();
            return;
        }
        try {
            current.write(packet, offset, ipLength);
            fromClients.increment();
        } catch (IOException | RuntimeException e) {
            failedWrites.increment();
            if (writeFailureLogged.compareAndSet(false, true)) {
                LOG.warn("TUN device {} refused a client packet (further refusals are logged at debug): {}",
                        current.name(), e.getMessage());
            } else {
                LOG.debug("TUN device {} refused a client packet: {}", current.name(), e.getMessage());
            }
        }
    }

    private void readLoop(TunDevice from, ClientSink clients) {
        byte[] buffer = new byte[TunDevice.MAX_PACKET];
        while (true) {
            int n;
            try {
                n = from.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                if (from.isOpen()) {
                    LOG.warn("corporate network: reading stops: {}", e.getMessage());
                }
                return;
            }
            if (n < 0) {
                return;
            }
            toClients.increment();
            try {
                clients.toClient(buffer, 0, n);
            } catch (RuntimeException e) {
                failedDeliveries.increment();
                LOG.debug("client sink refused a {}-byte packet from {}", n, from.name(), e);
            }
        }
    }

    public TunNetworkCounters counters() {
        return new TunNetworkCounters(fromClients.sum(), toClients.sum(), malformed.sum(), failedWrites.sum(),
                failedDeliveries.sum());
    }

    /** Closes the device (the interface disappears, wherever it was moved) and waits for the reader to end. */
    @Override
    public void close() {
        closed = true;
        TunDevice current = device;
        if (current != null) {
            current.close();
        }
        Thread readerThread = reader;
        if (readerThread != null && readerThread != Thread.currentThread()) {
            try {
                if (!readerThread.join(READER_STOP_WAIT)) {
                    LOG.warn("corporate network reader {} did not stop within {}", readerThread.getName(),
                            READER_STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "TunCorporateNetwork[" + deviceName() + "]";
    }
}
