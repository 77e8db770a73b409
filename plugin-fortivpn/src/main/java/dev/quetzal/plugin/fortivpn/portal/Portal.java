package dev.quetzal.plugin.fortivpn.portal;

import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.plugin.fortivpn.http.HttpResponse;
import dev.quetzal.plugin.fortivpn.http.NoResponseException;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import dev.quetzal.plugin.fortivpn.xml.TunnelConfig;
import dev.quetzal.plugin.fortivpn.xml.TunnelConfigParser;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;

/**
 * The FortiGate's web portal for one connection attempt: keeps one keep-alive TLS connection for the
 * whole flow, login to tunnel request (as OpenConnect does, notes §4), and opens a new one when the
 * server closed it. {@link #abort()} may be called from another thread to stop the attempt at once.
 */
public final class Portal implements Closeable {
    public static final String LOGIN_CHECK = "/remote/logincheck";
    public static final String XML_CONFIG = "/remote/fortisslvpn_xml";
    public static final String TUNNEL = "/remote/sslvpn-tunnel";
    public static final String LOGOUT = "/remote/logout";

    private final TlsClient tls;
    private final Duration timeout;
    private HttpConnection connection;
    private volatile HttpConnection live;
    private volatile boolean aborted;

    /** @param timeout for connecting and for each answer */
    public Portal(TlsClient tls, Duration timeout) {
        this.tls = tls;
        this.timeout = timeout;
    }

    public TlsClient tls() {
        return tls;
    }

    /** Sends {@code request} with the cookie (if any) and waits up to the portal's timeout for the answer. */
    public HttpResponse exchange(HttpRequest request, SessionCookie cookie) throws IOException {
        return exchange(request, cookie, timeout);
    }

    /**
     * Sends {@code request} and waits up to {@code wait}. A kept-alive connection that the server had
     * closed in the meantime is replaced once, transparently.
     */
    public HttpResponse exchange(HttpRequest request, SessionCookie cookie, Duration wait) throws IOException {
        HttpRequest withCookie = cookie == null ? request : request.withHeader("Cookie", cookie.headerValue());
        HttpConnection current = connection();
        try {
            return current.exchange(withCookie, wait);
        } catch (IOException e) {
            boolean stale = current.wasUsed() && !aborted
                    && (e instanceof NoResponseException || e instanceof SocketException);
            drop();
            if (!stale) {
                throw aborted ? new IOException("stopped") : e;
            }
            return connection().exchange(withCookie, wait);
        }
    }

    /**
     * {@code GET /remote/fortisslvpn_xml}: the session's addresses, DNS and routes.
     *
     * @throws PortalException COOKIE_REJECTED on 403, 401 or a redirect (notes §3: the cookie expired)
     */
    public TunnelConfig fetchConfig(SessionCookie cookie) throws IOException {
        HttpResponse response = exchange(HttpRequest.get(XML_CONFIG), cookie);
        int status = response.status();
        if (status == 401 || status == 403 || (status >= 300 && status < 400)) {
            throw new PortalException(PortalException.Kind.COOKIE_REJECTED,
                    "the FortiGate rejected the session cookie (" + response.statusLine() + " for " + XML_CONFIG + ")");
        }
        if (status != 200) {
            throw new PortalException(PortalException.Kind.UNEXPECTED,
                    "unexpected answer to GET " + XML_CONFIG + ": " + response.statusLine());
        }
        return TunnelConfigParser.parse(response.body());
    }

    /**
     * Sends {@code GET /remote/sslvpn-tunnel} and hands over the connection: on success no HTTP answer
     * comes, PPP frames do (notes §4). The tunnel's reader checks the first bytes for {@code HTTP/}.
     */
    public HttpConnection openTunnel(SessionCookie cookie) throws IOException {
        HttpConnection current = connection();
        current.write(HttpRequest.get(TUNNEL).withHeader("Cookie", cookie.headerValue()));
        connection = null;
        return current;
    }

    /** {@code GET /remote/logout}, ending the session on the FortiGate (on this portal's own connection). */
    public HttpResponse logout(SessionCookie cookie) throws IOException {
        return exchange(HttpRequest.get(LOGOUT), cookie);
    }

    private HttpConnection connection() throws IOException {
        if (aborted) {
            throw new IOException("stopped");
        }
        if (connection != null && connection.reusable()) {
            return connection;
        }
        drop();
        HttpConnection opened = tls.connect(timeout);
        connection = opened;
        live = opened;
        if (aborted) {
            opened.abort();
            throw new IOException("stopped");
        }
        return opened;
    }

    private void drop() {
        if (connection != null) {
            connection.abort();
            connection = null;
        }
    }

    /** Stops the attempt from any thread: the connection in use is closed and no new one is opened. */
    public void abort() {
        aborted = true;
        HttpConnection current = live;
        if (current != null) {
            current.abort();
        }
    }

    /** Closes a connection that was not handed to a tunnel. */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
