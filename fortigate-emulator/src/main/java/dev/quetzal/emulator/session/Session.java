package dev.quetzal.emulator.session;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.SessionInfo;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One logged-in user, keyed by its SVPNCOOKIE: the assigned addresses, its expiry, and the tunnel
 * connection currently attached (at most one; a reconnect replaces it).
 */
public final class Session {
    private final String cookie;
    private final String username;
    private final String realm;
    private final Ipv4Address address;
    private final Ipv6Address address6;
    private final int poolIndex;
    private final Instant created;
    private final Instant expires;
    private final AtomicReference<TunnelHandle> tunnel = new AtomicReference<>();
    private final AtomicInteger tunnelsOpened = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    Session(String cookie, String username, String realm, Ipv4Address address, Ipv6Address address6, int poolIndex,
            Instant created, Instant expires) {
        this.cookie = cookie;
        this.username = username;
        this.realm = realm;
        this.address = address;
        this.address6 = address6;
        this.poolIndex = poolIndex;
        this.created = created;
        this.expires = expires;
    }

    public String cookie() {
        return cookie;
    }

    public String username() {
        return username;
    }

    public String realm() {
        return realm;
    }

    public Ipv4Address address() {
        return address;
    }

    /** The IPv6 address, or null without IPv6. */
    public Ipv6Address address6() {
        return address6;
    }

    public int poolIndex() {
        return poolIndex;
    }

    public Instant created() {
        return created;
    }

    public Instant expires() {
        return expires;
    }

    public boolean ended() {
        return ended.get();
    }

    boolean markEnded() {
        return ended.compareAndSet(false, true);
    }

    /**
     * Makes {@code handle} this session's tunnel and returns the previous one (the caller aborts it: the
     * reconnect wins), or null. The count tells a first tunnel from a reconnect.
     */
    public TunnelHandle attachTunnel(TunnelHandle handle) {
        tunnelsOpened.incrementAndGet();
        return tunnel.getAndSet(handle);
    }

    /** Forgets {@code handle} if it is still the current tunnel. */
    public void detachTunnel(TunnelHandle handle) {
        tunnel.compareAndSet(handle, null);
    }

    public TunnelHandle tunnel() {
        return tunnel.get();
    }

    /** How many tunnel connections this session has opened so far. */
    public int tunnelsOpened() {
        return tunnelsOpened.get();
    }

    public SessionInfo info() {
        TunnelHandle current = tunnel.get();
        return new SessionInfo(username, realm, address, cookie.substring(0, 6) + "...", created,
                current != null && current.up());
    }

    /** Never shows the cookie. */
    @Override
    public String toString() {
        return "Session[" + username + ", " + address + "]";
    }
}
