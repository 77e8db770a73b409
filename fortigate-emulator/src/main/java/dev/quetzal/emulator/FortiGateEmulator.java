package dev.quetzal.emulator;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.emulator.network.CorporateNetworks;
import dev.quetzal.emulator.network.DnsZoneServer;
import dev.quetzal.emulator.portal.Portal;
import dev.quetzal.emulator.server.PortalServer;
import dev.quetzal.emulator.session.Session;
import dev.quetzal.emulator.session.SessionStore;
import dev.quetzal.emulator.tls.CertificatePin;
import dev.quetzal.emulator.tls.ServerTls;
import dev.quetzal.emulator.tunnel.TunnelRegistry;
import dev.quetzal.emulator.tunnel.Tunnels;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FortiGate SSL-VPN emulator: the HTTPS portal (login, 2FA, SAML, XML config), PPP over TLS, and a
 * corporate network behind it. Start one per test with {@link #start}; it listens when {@code start}
 * returns and stops everything within about 2 s on {@link #close}.
 */
public final class FortiGateEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FortiGateEmulator.class);
    private static final long TICK_MILLIS = 250;

    private final EmulatorConfig config;
    private final EmulatorStats stats = new EmulatorStats();
    private final EmulatorHooks hooks;
    private final ServerTls tls;
    private final SessionStore sessions;
    private final CorporateNetwork network;
    private final Tunnels tunnels;
    private final PortalServer server;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FortiGateEmulator(EmulatorConfig config, CorporateNetwork network) throws IOException {
        this.config = config;
        this.network = network;
        SecureRandom random = new SecureRandom();
        this.hooks = new EmulatorHooks(new HookActions());
        // Certificates are checked against the clients' real clocks, not the (possibly manual) session clock.
        this.tls = ServerTls.create(config.tls(), java.time.Instant.now());
        this.sessions = new SessionStore(config.tunnel(), config.timeSource(), random);
        TunnelRegistry registry = new TunnelRegistry(config.tunnel(), stats::countUnroutable);
        this.tunnels = new Tunnels(config.tunnel(), stats, hooks, network, registry, random);
        network.start(registry);
        Portal portal = new Portal(config, sessions, hooks, stats, random);
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(config.listen().host()), config.listen().port());
        this.server = new PortalServer(bind, tls, portal, tunnels, hooks, stats);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("emulator-timer-" + server.address().getPort()).factory());
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Binds, starts the corporate network and returns once the server accepts connections. */
    public static FortiGateEmulator start(EmulatorConfig config) throws IOException {
        CorporateNetwork network = CorporateNetworks.standard().create(config);
        try {
            FortiGateEmulator emulator = new FortiGateEmulator(config, network);
            LOG.info("FortiGate emulator listening on {} ({} users)", emulator.url(), config.users().size());
            return emulator;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code https://127.0.0.1:PORT/}. */
    public String url() {
        InetAddress host = address().getAddress();
        String literal = host instanceof Inet6Address ? "[" + IpAddress.of(host) + "]" : host.getHostAddress();
        return "https://" + literal + ":" + address().getPort() + "/";
    }

    /** {@code pin-sha256:BASE64}, for OpenConnect's {@code --servercert}. */
    public String certificatePin() {
        return CertificatePin.of(tls.certificate());
    }

    public X509Certificate certificate() {
        return tls.certificate();
    }

    public EmulatorConfig config() {
        return config;
    }

    public EmulatorHooks hooks() {
        return hooks;
    }

    public EmulatorStats stats() {
        return stats;
    }

    /**
     * The corporate network's own DNS zone (in-process mode): its current records and the log of
     * questions that reached it. Empty in tun mode, where real servers answer.
     */
    public Optional<DnsZoneServer> dnsZone() {
        return network.dnsZone();
    }

    public List<SessionInfo> sessions() {
        return sessions.list().stream().map(Session::info).toList();
    }

    /** Terminates tunnels (LCP Terminate-Request "server shutdown"), then closes everything. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stopAccepting();
        tunnels.closeAll("server shutdown", 800);
        server.close();
        timer.shutdownNow();
        network.close();
        LOG.info("FortiGate emulator on port {} stopped; {}", address().getPort(), stats);
    }

    private void tick() {
        try {
            sessions.sweep();
            tunnels.tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("Timer tick failed", e);
        }
    }

    /** The hooks' actions on this emulator's sessions and tunnels. */
    private final class HookActions implements EmulatorHooks.Actions {
        @Override
        public void cutTunnelsNow() {
            tunnels.cutAll();
        }

        @Override
        public boolean expireSession(String cookie) {
            return sessions.end(cookie, SessionStore.SESSION_TIMEOUT);
        }

        @Override
        public int expireAllSessions() {
            return sessions.endAll(SessionStore.SESSION_TIMEOUT);
        }

        @Override
        public void terminateTunnels(String reason) {
            tunnels.terminateAll(reason);
        }

        @Override
        public void sendMalformedFrame() {
            tunnels.sendMalformedFrame();
        }

        @Override
        public int pingClient(IpAddress client, int count) {
            return tunnels.ping(client, count);
        }

        @Override
        public long generateToClients(int ipPacketSize, long count) {
            return tunnels.generate(ipPacketSize, count);
        }

        @Override
        public DnsZoneServer dnsZone() {
            return network.dnsZone().orElseThrow(() -> new IllegalStateException("network mode "
                    + config.network().mode().text() + " has no DNS zone of the emulator's own"));
        }

        @Override
        public boolean hasDnsZone() {
            return network.dnsZone().isPresent();
        }
    }
}
