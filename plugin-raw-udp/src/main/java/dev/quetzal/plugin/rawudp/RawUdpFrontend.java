package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each UDP sender is a client; the source address of its first well-formed IP packet becomes its
 * inner address. Later packets are passed as they are (the router and filters judge them).
 */
final class RawUdpFrontend implements Frontend {
    private static final Logger log = LoggerFactory.getLogger(RawUdpFrontend.class);

    private final RawUdpFrontendConfig config;
    private final FrontendContext context;
    private final Map<SocketAddress, RawUdpSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Metrics.Counter malformed;
    private final Metrics.Counter sendErrors;
    private final Metrics.Counter receivedPackets;
    private final Metrics.Counter receivedBytes;
    private DatagramChannel channel;
    private Thread receiver;
    private Scheduler.Cancellable expiry;

    RawUdpFrontend(RawUdpFrontendConfig config, FrontendContext context) {
        this.config = config;
        this.context = context;
        this.malformed = context.metrics().counter("quetzal_raw_udp_malformed_total",
                "Datagrams from unknown senders that did not start with a well-formed IP packet");
        this.sendErrors = context.metrics().counter("quetzal_raw_udp_send_errors_total", "Datagrams that could not be sent");
        this.receivedPackets = context.metrics().counter("quetzal_raw_udp_received_packets_total", "Datagrams received");
        this.receivedBytes = context.metrics().counter("quetzal_raw_udp_received_bytes_total", "Bytes of datagrams received");
    }

    @Override
    public void start() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(Sockets.resolve(config.listen()));
        ReceiveLoop loop = new ReceiveLoop(channel, context.buffers(), this::onPacket, log);
        receiver = Thread.ofPlatform().name("raw-udp-" + context.componentName()).daemon().start(loop);
        Duration idle = config.idleTimeout();
        Duration period = idle.compareTo(Duration.ofSeconds(10)) < 0 ? idle : Duration.ofSeconds(10);
        expiry = context.scheduler().scheduleWithFixedDelay(period, period, () -> expire(idle));
        log.info("raw-udp frontend {} listening on {}", context.componentName(), channel.getLocalAddress());
    }

    private void onPacket(PacketBuffer packet, SocketAddress from) {
        receivedPackets.increment();
        receivedBytes.add(packet.length());
        long now = context.time().nanoTime();
        RawUdpSession session = sessions.get(from);
        if (session == null) {
            session = newSession(packet, (InetSocketAddress) from, now);
            if (session == null) {
                malformed.increment();
                packet.release();
                return;
            }
        }
        session.seen(now);
        context.router().fromClient(session, packet);
    }

    private RawUdpSession newSession(PacketBuffer first, InetSocketAddress from, long now) {
        IpAddress inner;
        if (first.ipVersion() == 4 && Ipv4Header.isWellFormed(first)) {
            inner = new Ipv4Address(Ipv4Header.source(first));
        } else if (first.ipVersion() == 6 && Ipv6Header.isWellFormed(first)) {
            inner = new Ipv6Address(Ipv6Header.sourceHigh(first), Ipv6Header.sourceLow(first));
        } else {
            return null;
        }
        RawUdpSession session = new RawUdpSession(
                context.componentName() + "-" + nextId.getAndIncrement(), from, inner, channel, sendErrors, now);
        RawUdpSession raced = sessions.putIfAbsent(from, session);
        if (raced != null) {
            return raced;
        }
        session.attach(context.router());
        log.info("client {} at {} uses inner address {}", session.id(), from, inner);
        return session;
    }

    private void expire(Duration idle) {
        long now = context.time().nanoTime();
        sessions.values().removeIf(session -> {
            if (now - session.lastSeenNanos() < idle.toNanos()) {
                return false;
            }
            session.detach();
            log.info("client {} idle for {}, forgotten", session.id(), idle);
            return true;
        });
    }

    @Override
    public List<? extends ClientSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public Map<String, Object> status() {
        DatagramChannel open = channel;
        String listening;
        try {
            listening = open == null ? "not started" : String.valueOf(open.getLocalAddress());
        } catch (IOException e) {
            listening = "closed";
        }
        return Map.of("listen", listening, "sessions", sessions.size(), "malformed", malformed.value(),
                "receivedPackets", receivedPackets.value(), "receivedBytes", receivedBytes.value());
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.cancel();
        }
        sessions.values().forEach(RawUdpSession::detach);
        sessions.clear();
        Sockets.closeAndJoin(channel, receiver, log);
    }
}
