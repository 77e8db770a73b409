package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig.ConnectMode;
import dev.quetzal.plugin.fortivpn.auth.OtpSource;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import dev.quetzal.plugin.fortivpn.tunnel.MpscArrayQueue;
import dev.quetzal.plugin.fortivpn.tunnel.Tunnel;
import dev.quetzal.plugin.fortivpn.tunnel.TunnelCounters;
import dev.quetzal.plugin.fortivpn.xml.TunnelConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code fortivpn} backend: a FortiGate SSL-VPN client. {@link #send} queues packets without
 * blocking (up to {@code queueLimit} while the tunnel is down, flushed when it is up again); the
 * {@link ConnectionManager} connects, keeps the tunnel up and reports the state.
 */
final class FortiVpnBackend implements Backend {
    private static final Logger log = LoggerFactory.getLogger(FortiVpnBackend.class);
    /** Room for bursts while the tunnel is up; {@code queueLimit} bounds it while down. */
    private static final int MIN_QUEUE = 1024;

    private final FortiVpnConfig config;
    private final BackendContext context;
    private final MpscArrayQueue<PacketBuffer> queue;
    private final TunnelCounters counters;
    private final ConnectionManager manager;
    private final Authenticator authenticator;
    private final AtomicBoolean demanded = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean closed;

    FortiVpnBackend(FortiVpnConfig config, BackendContext context, TlsClient tls, Supplier<InputStream> stdin) {
        this.config = config;
        this.context = context;
        this.queue = new MpscArrayQueue<>(Math.max(MIN_QUEUE, config.queueLimit()));
        this.counters = new TunnelCounters(context.metrics());
        this.authenticator = new Authenticator(config,
                OtpSource.of(config.otp(), context.time(), System::console, context::userPrompts), this::awaitingUser, stdin);
        this.manager = new ConnectionManager(config, context, tls, authenticator, queue, counters);
        context.metrics().gauge("quetzal_fortivpn_queued_packets", "Packets waiting for the tunnel", queue::size);
    }

    private void awaitingUser(String prompt, String link) {
        manager.publish(new BackendState.AwaitingUser(prompt, link));
    }

    @Override
    public void start() {
        started = true;
        log.info("fortivpn backend {}: {} login to {}{}, connect {}", context.componentName(),
                authenticator.method().name().toLowerCase().replace('_', '-'), config.server(),
                config.realm() == null ? "" : " realm " + config.realm(),
                config.connect() == ConnectMode.AT_START ? "at start" : "on demand");
        if (config.connect() == ConnectMode.AT_START) {
            demanded.set(true);
            manager.connectSoon();
        } else {
            manager.publish(new BackendState.Disconnected("waiting for the first packet (connect: on-demand)"));
        }
    }

    @Override
    public void send(PacketBuffer packet) {
        if (closed) {
            counters.down();
            packet.release();
            return;
        }
        if (!demanded.get() && started && demanded.compareAndSet(false, true)) {
            log.info("first packet from a client: connecting (connect: on-demand)");
            manager.connectSoon();
        }
        Tunnel current = manager.tunnel();
        boolean up = current != null && current.isUp();
        if (!up && queue.size() >= config.queueLimit()) {
            counters.down();
            packet.release();
            return;
        }
        if (!queue.offer(packet)) {
            counters.queueFull();
            packet.release();
            return;
        }
        if (current != null) {
            current.wake();
        }
    }

    @Override
    public BackendState state() {
        return manager.state();
    }

    /** A FortiGate forwards only packets from the address it assigned to this tunnel. */
    @Override
    public boolean acceptsOnlyAssignedAddresses() {
        return true;
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        BackendState state = manager.state();
        status.put("state", switch (state) {
            case BackendState.Connected c -> "connected";
            case BackendState.Connecting c -> "connecting (attempt " + c.attempt() + ")";
            case BackendState.AwaitingUser a -> "awaiting user: " + a.prompt();
            case BackendState.Disconnected d -> "disconnected: " + d.reason();
        });
        status.put("server", config.server().toString());
        status.put("loginMethod", authenticator.method().name().toLowerCase().replace('_', '-'));
        if (config.username() != null) {
            status.put("user", config.username());
        }
        if (config.realm() != null) {
            status.put("realm", config.realm());
        }
        if (state instanceof BackendState.Connected connected) {
            UplinkInfo uplink = connected.uplink();
            status.put("addresses", uplink.addresses().stream().map(Object::toString).toList());
            status.put("dnsServers", uplink.dnsServers().stream().map(Object::toString).toList());
            status.put("mtu", uplink.mtu());
        }
        TunnelConfig xml = manager.tunnelConfig();
        status.put("routes", xml == null ? 0 : xml.routes().size());
        Tunnel current = manager.tunnel();
        status.put("ppp", current == null ? "no tunnel" : current.describe());
        status.put("queued", queue.size());
        status.put("logins", manager.logins());
        status.put("cookieReuses", manager.cookieReuses());
        InetSocketAddress saml = authenticator.samlListener();
        if (saml != null) {
            status.put("samlListener", saml.getAddress().getHostAddress() + ":" + saml.getPort());
        }
        if (manager.lastError() != null) {
            status.put("lastError", manager.lastError());
        }
        status.putAll(counters.snapshot());
        return status;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
    }
}
