package dev.quetzal.emulator.session;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.config.TunnelSettings;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logged-in sessions by cookie. A session ends on logout, on expiry (its lifetime after login)
 * or by a test hook; its tunnel then gets a Terminate-Request and its cookie a 403 from then on.
 */
public final class SessionStore {
    public static final String SESSION_TIMEOUT = "session timeout";
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final TunnelSettings settings;
    private final TimeSource time;
    private final SecureRandom random;
    private final AddressPool pool;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    public SessionStore(TunnelSettings settings, TimeSource time, SecureRandom random) {
        this.settings = settings;
        this.time = time;
        this.random = random;
        this.pool = new AddressPool(settings.addressPool(), settings.gateway());
    }

    /** A new session with fresh addresses, or null when the address pool is exhausted. */
    public Session create(String username, String realm) {
        int index = pool.allocate();
        if (index < 0) {
            LOG.warn("Address pool {} exhausted; login of {} refused", settings.addressPool(), username);
            return null;
        }
        Ipv4Address address = pool.address(index);
        Ipv6Address address6 = settings.ipv6().enabled()
                ? ((Ipv6Address) settings.ipv6().prefix().address()).plus(index)
                : null;
        Instant now = time.now();
        String cookie;
        Session session;
        do {
            cookie = newCookie();
            session = new Session(cookie, username, realm, address, address6, index, now,
                    now.plus(settings.sessionLifetime()));
        } while (sessions.putIfAbsent(cookie, session) != null);
        LOG.info("Session of {} (realm \"{}\") gets {}", username, realm, address);
        return session;
    }

    /** The live session of {@code cookie}, or null (unknown, ended or expired). */
    public Session find(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return null;
        }
        Session session = sessions.get(cookie);
        if (session == null) {
            return null;
        }
        if (!time.now().isBefore(session.expires())) {
            end(session, SESSION_TIMEOUT);
            return null;
        }
        return session;
    }

    /** Ends the session of {@code cookie}; false if there was none. */
    public boolean end(String cookie, String reason) {
        Session session = cookie == null ? null : sessions.get(cookie);
        return session != null && end(session, reason);
    }

    /** Ends every session; returns how many. */
    public int endAll(String reason) {
        int count = 0;
        for (Session session : List.copyOf(sessions.values())) {
            if (end(session, reason)) {
                count++;
            }
        }
        return count;
    }

    /** Ends sessions whose lifetime is over. Called periodically. */
    public void sweep() {
        Instant now = time.now();
        for (Session session : sessions.values()) {
            if (!now.isBefore(session.expires())) {
                end(session, SESSION_TIMEOUT);
            }
        }
    }

    public List<Session> list() {
        return new ArrayList<>(sessions.values());
    }

    private boolean end(Session session, String reason) {
        if (!session.markEnded()) {
            return false;
        }
        sessions.remove(session.cookie(), session);
        pool.release(session.poolIndex());
        TunnelHandle tunnel = session.tunnel();
        if (tunnel != null) {
            tunnel.terminate(reason);
        }
        LOG.info("Session of {} ended: {}", session.username(), reason);
        return true;
    }

    /** 32 random bytes in standard base64, retried until it has '+' and '/' (and it ends in '='), as real cookies do. */
    private String newCookie() {
        byte[] bytes = new byte[32];
        String cookie;
        do {
            random.nextBytes(bytes);
            cookie = Base64.getEncoder().encodeToString(bytes);
        } while (cookie.indexOf('+') < 0 || cookie.indexOf('/') < 0);
        return cookie;
    }
}
