package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppSettings;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import dev.quetzal.plugin.fortivpn.portal.Portal;
import dev.quetzal.plugin.fortivpn.portal.PortalException;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import dev.quetzal.plugin.fortivpn.tunnel.MpscArrayQueue;
import dev.quetzal.plugin.fortivpn.tunnel.Tunnel;
import dev.quetzal.plugin.fortivpn.tunnel.TunnelCounters;
import dev.quetzal.plugin.fortivpn.xml.TunnelConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection policy: one attempt at a time (login when there is no cookie, XML config, tunnel
 * request, PPP), reconnecting after a drop with exponential backoff and reusing the cookie while the
 * FortiGate accepts it; only a rejected cookie leads to a new login. Attempts run on the scheduler's
 * blocking executor, delays on its timers, so tests drive them with a manual clock.
 */
final class ConnectionManager implements Tunnel.Events {
    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    /** Terminate (1 s) plus logout (2 s) stay inside the runtime's default 4 s shutdownTimeout. */
    private static final Duration LOGOUT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_ECHO = Duration.ofSeconds(10);
    /** A tunnel that lasted this long resets the backoff; one that drops sooner keeps it growing (no flapping storm). */
    static final Duration STABLE = Duration.ofSeconds(30);

    private final FortiVpnConfig config;
    private final BackendContext context;
    private final TlsClient tls;
    private final Authenticator authenticator;
    private final MpscArrayQueue<PacketBuffer> queue;
    private final TunnelCounters counters;
    private final Metrics.Counter logins;
    private final Metrics.Counter tunnelsOpened;
    private final Metrics.Counter cookieReuses;
    private final Object lock = new Object();
    private final Backoff backoff;
    private volatile BackendState state = new BackendState.Disconnected("not started");
    private volatile Tunnel tunnel;
    private volatile TunnelConfig tunnelConfig;
    private volatile String lastError;
    private volatile List<Route> publishedRoutes = List.of();
    private SessionCookie cookie;
    private boolean cookieHadTunnel;
    private long upSince;
    private int attempt;
    private boolean running;
    private boolean closed;
    private boolean gaveUp;
    private Portal portal;
    private Scheduler.Cancellable retry;

    ConnectionManager(FortiVpnConfig config, BackendContext context, TlsClient tls, Authenticator authenticator,
            MpscArrayQueue<PacketBuffer> queue, TunnelCounters counters) {
        this.config = config;
        this.context = context;
        this.tls = tls;
        this.authenticator = authenticator;
        this.queue = queue;
        this.counters = counters;
        Metrics metrics = context.metrics();
        this.logins = metrics.counter("quetzal_fortivpn_logins_total", "Logins that produced a session cookie");
        this.tunnelsOpened = metrics.counter("quetzal_fortivpn_tunnels_total", "Tunnels that reached IPCP Opened");
        this.cookieReuses = metrics.counter("quetzal_fortivpn_cookie_reuses_total",
                "Attempts that reused the session cookie instead of logging in");
        this.backoff = new Backoff(config.reconnect().initialDelay(), config.reconnect().maxDelay(),
                new Random(context.secureRandom().nextLong()));
    }

    BackendState state() {
        return state;
    }

    Tunnel tunnel() {
        return tunnel;
    }

    TunnelConfig tunnelConfig() {
        return tunnelConfig;
    }

    String lastError() {
        return lastError;
    }

    long logins() {
        return logins.value();
    }

    long cookieReuses() {
        return cookieReuses.value();
    }

    /** Starts an attempt now, on the blocking executor. */
    void connectSoon() {
        context.scheduler().blockingExecutor().execute(this::attempt);
    }

    void publish(BackendState next) {
        state = next;
        context.publishState(next);
    }

    private void attempt() {
        Portal current;
        int number;
        synchronized (lock) {
            if (closed || running || tunnel != null || gaveUp) {
                return;
            }
            running = true;
            retry = null;
            number = ++attempt;
            current = new Portal(tls, HTTP_TIMEOUT);
            portal = current;
        }
        publish(new BackendState.Connecting(number));
        try {
            establish(current);
        } catch (IOException | RuntimeException e) {
            failed(e);
        } finally {
            synchronized (lock) {
                running = false;
                portal = null;
            }
            current.close();
        }
    }

    private void establish(Portal current) throws IOException {
        SessionCookie session;
        synchronized (lock) {
            session = cookie;
        }
        boolean fresh = session == null;
        if (fresh) {
            session = login(current);
        } else {
            cookieReuses.increment();
            log.info("reusing session cookie {}", session);
        }
        TunnelConfig xml;
        try {
            xml = current.fetchConfig(session);
        } catch (PortalException e) {
            if (e.kind() != PortalException.Kind.COOKIE_REJECTED || fresh || !authenticator.canLogInAgain()) {
                throw e;
            }
            log.info("{}; logging in again", e.getMessage());
            forget(session);
            session = login(current);
            xml = current.fetchConfig(session);
        }
        log.info("FortiGate config: address {}{}, {} DNS server(s), {} route(s), heartbeat {}{}", xml.ipv4Address(),
                xml.ipv6Address() == null ? "" : " and " + xml.ipv6Address(), xml.dnsServers().size(), xml.routes().size(),
                xml.heartbeatInterval() == null ? "none" : xml.heartbeatInterval().toSeconds() + " s",
                xml.fortiOs() == null ? "" : ", FortiOS " + xml.fortiOs());
        HttpConnection connection = current.openTunnel(session);
        Tunnel opened = new Tunnel(context.componentName(), connection, pppSettings(xml), magic(), queue,
                context.buffers(), context.router(), context.time(), context.scheduler(), counters, this);
        synchronized (lock) {
            if (closed) {
                connection.abort();
                throw new IOException("stopped");
            }
            tunnel = opened;
            tunnelConfig = xml;
        }
        opened.start();
    }

    private SessionCookie login(Portal current) throws IOException {
        SessionCookie session = authenticator.login(current);
        logins.increment();
        int number;
        synchronized (lock) {
            cookie = session;
            cookieHadTunnel = false;
            number = attempt;
        }
        if (state instanceof BackendState.AwaitingUser) {
            // The person is done; what is left (config, tunnel, PPP) is ours.
            publish(new BackendState.Connecting(number));
        }
        log.info("logged in to {} as {} ({})", config.server(), config.username() == null ? authenticator.method() : config.username(),
                session);
        return session;
    }

    private void forget(SessionCookie session) {
        synchronized (lock) {
            if (session.equals(cookie)) {
                cookie = null;
            }
        }
    }

    private PppSettings pppSettings(TunnelConfig xml) {
        Ipv4Address address = xml.ipv4Address() == null ? new Ipv4Address(0) : xml.ipv4Address();
        Duration echo = config.echo().interval() != null ? config.echo().interval()
                : xml.heartbeatInterval() != null ? xml.heartbeatInterval() : DEFAULT_ECHO;
        PppSettings.Builder builder = PppSettings.client(address)
                .mru(config.mru())
                .requestDns(xml.ipv4DnsServers().isEmpty())
                .echo(echo, config.echo().failures());
        if (xml.ipv6Address() != null) {
            long interfaceId = xml.ipv6Address().low();
            builder.ipv6(true, interfaceId == 0 ? 1 : interfaceId, 0);
        }
        return builder.build();
    }

    private int magic() {
        int magic;
        do {
            magic = context.secureRandom().nextInt();
        } while (magic == 0);
        return magic;
    }

    private void failed(Throwable e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!(e instanceof IOException)) {
            log.warn("connection attempt failed unexpectedly", e);
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (e instanceof PortalException portalError && portalError.kind() == PortalException.Kind.COOKIE_REJECTED) {
                cookie = null;
                if (!authenticator.canLogInAgain()) {
                    gaveUp = true;
                }
            }
        }
        lastError = reason;
        if (gaveUp) {
            log.error("{}; not trying again: give a new cookie and restart", reason);
            publish(new BackendState.Disconnected(reason + "; give a new cookie and restart"));
            return;
        }
        scheduleRetry(reason);
    }

    private void scheduleRetry(String reason) {
        Duration delay;
        synchronized (lock) {
            if (closed) {
                return;
            }
            delay = backoff.next();
            retry = context.scheduler().schedule(delay, this::connectSoon);
        }
        log.warn("{}; next attempt in {} ms", reason, delay.toMillis());
        publish(new BackendState.Disconnected(reason));
    }

    @Override
    public void up(Tunnel opened, NetworkParameters parameters) {
        TunnelConfig xml;
        synchronized (lock) {
            if (tunnel != opened || closed) {
                return;
            }
            attempt = 0;
            upSince = context.time().nanoTime();
            cookieHadTunnel = true;
            xml = tunnelConfig;
        }
        tunnelsOpened.increment();
        List<IpAddress> addresses = new ArrayList<>();
        if (parameters.localAddress() != null && parameters.localAddress().bits() != 0) {
            addresses.add(parameters.localAddress());
        }
        if (parameters.ipv6() && xml.ipv6Address() != null) {
            addresses.add(xml.ipv6Address());
        }
        List<IpAddress> dns = !xml.dnsServers().isEmpty() ? xml.dnsServers() : List.copyOf(parameters.dnsServers());
        UplinkInfo info = new UplinkInfo(addresses, dns, xml.dnsSuffixes(), xml.routes(), opened.mtu());
        if (!xml.routes().equals(publishedRoutes)) {
            publishedRoutes = xml.routes();
            context.routes().publish(TunnelConfig.ROUTE_SOURCE, xml.routes());
        }
        log.info("tunnel up: address {}, DNS {}, MTU {}, {} route(s), {} packet(s) queued", addresses, dns, info.mtu(),
                xml.routes().size(), queue.size());
        publish(new BackendState.Connected(info));
    }

    @Override
    public void down(Tunnel ended, Tunnel.End end, String reason) {
        synchronized (lock) {
            if (tunnel != ended) {
                return;
            }
            tunnel = null;
            if (closed) {
                return;
            }
            if (ended.parameters() != null && context.time().nanoTime() - upSince >= STABLE.toNanos()) {
                backoff.reset();
            }
            if (end == Tunnel.End.REFUSED && cookieHadTunnel && authenticator.canLogInAgain()) {
                // A cookie that already carried a tunnel may not open another (tun-connect-without-reauth off).
                cookie = null;
            }
        }
        lastError = reason;
        scheduleRetry(reason);
    }

    /**
     * Stops everything: cancels the pending retry, aborts an attempt in progress, ends the tunnel with
     * an LCP Terminate (up to 1 s for the Ack), logs out on a new connection (up to 2 s), withdraws the
     * routes.
     */
    void close() {
        Tunnel current;
        Portal inFlight;
        Scheduler.Cancellable pending;
        SessionCookie session;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            current = tunnel;
            inFlight = portal;
            pending = retry;
            session = cookie;
        }
        if (pending != null) {
            pending.cancel();
        }
        authenticator.abort();
        if (inFlight != null) {
            inFlight.abort();
        }
        if (current != null) {
            current.terminate("quetzal is stopping", Duration.ofSeconds(1));
        }
        if (session != null) {
            logout(session);
        }
        if (!publishedRoutes.isEmpty()) {
            context.routes().publish(TunnelConfig.ROUTE_SOURCE, List.of());
            publishedRoutes = List.of();
        }
        if (current == null || current.awaitStopped(Duration.ZERO)) {
            PacketBuffer left;
            while ((left = queue.poll()) != null) {
                left.release();
            }
        }
        publish(new BackendState.Disconnected("stopped"));
    }

    /** {@code GET /remote/logout} on a new TLS connection, given up after {@link #LOGOUT_TIMEOUT}. */
    private void logout(SessionCookie session) {
        Portal logoutPortal = new Portal(tls, LOGOUT_TIMEOUT);
        Thread worker = Thread.ofVirtual().name("fortivpn-logout").start(() -> {
            try {
                logoutPortal.logout(session);
                log.info("logged out of {}", config.server());
            } catch (IOException e) {
                log.info("logout from {} failed: {}", config.server(), e.getMessage());
            } finally {
                logoutPortal.close();
            }
        });
        try {
            if (!worker.join(LOGOUT_TIMEOUT)) {
                logoutPortal.abort();
                log.info("logout from {} did not finish within {} s", config.server(), LOGOUT_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            logoutPortal.abort();
            Thread.currentThread().interrupt();
        }
    }
}
