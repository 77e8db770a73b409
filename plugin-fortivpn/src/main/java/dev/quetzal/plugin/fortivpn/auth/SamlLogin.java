package dev.quetzal.plugin.fortivpn.auth;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.plugin.fortivpn.http.FormBody;
import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.plugin.fortivpn.http.HttpResponse;
import dev.quetzal.plugin.fortivpn.portal.LoginFailedException;
import dev.quetzal.plugin.fortivpn.portal.Portal;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAML sign-in the way openfortivpn {@code --saml-login} and FortiClient do it (protocol notes §2): the
 * user opens {@code https://HOST:PORT/remote/saml/start?redirect=1[&realm=R]} in a browser, signs in at
 * the identity provider, and the FortiGate sends the browser to {@code http://LISTEN/?id=<sid>}. A
 * one-shot plain-HTTP listener takes that id and answers a small page; {@code GET
 * /remote/saml/auth_id?id=<sid>} then sets the {@code SVPNCOOKIE}.
 */
public final class SamlLogin {
    private static final Logger log = LoggerFactory.getLogger(SamlLogin.class);
    private static final int MAX_REQUEST_HEAD = 16 * 1024;
    private static final byte[] DONE_PAGE = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Signed in</title></head>
            <body><h1>Signed in to the VPN</h1><p>You can close this tab.</p></body></html>
            """.getBytes(StandardCharsets.UTF_8);

    private final HostPort listen;
    private final HostPort server;
    private final String realm;
    private final UserInteraction user;
    private volatile ServerSocket listener;
    private volatile boolean aborted;

    public SamlLogin(HostPort listen, HostPort server, String realm, UserInteraction user) {
        this.listen = listen;
        this.server = server;
        this.realm = realm;
        this.user = user;
    }

    /** Where the browser starts: the FortiGate's SAML entry point. */
    public String startUrl() {
        return "https://" + server + "/remote/saml/start?redirect=1"
                + (realm == null ? "" : "&realm=" + URLEncoder.encode(realm, StandardCharsets.UTF_8));
    }

    /** Waits for the browser (until {@link #abort()}), then trades the id for the session cookie. */
    public SessionCookie login(Portal portal) throws IOException {
        String id = awaitBrowser();
        HttpResponse response = portal.exchange(HttpRequest.get("/remote/saml/auth_id?id="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)), null);
        Optional<String> cookie = response.setCookie(SessionCookie.NAME).filter(v -> !v.isEmpty());
        if (cookie.isEmpty()) {
            throw new LoginFailedException("SAML sign-in failed: GET /remote/saml/auth_id answered "
                    + response.statusLine() + " without a session cookie", null);
        }
        try {
            return SessionCookie.of(cookie.get());
        } catch (IllegalArgumentException e) {
            throw new LoginFailedException("SAML sign-in failed: the FortiGate set an unusable SVPNCOOKIE", null);
        }
    }

    /** The listener's bound address while it waits (the real port when {@code listen} has port 0), else null. */
    public InetSocketAddress boundAddress() {
        ServerSocket socket = listener;
        return socket == null || socket.isClosed() ? null : (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Stops waiting, from any thread. */
    public void abort() {
        aborted = true;
        ServerSocket socket = listener;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closed or closing: the accept loop ends either way.
            }
        }
    }

    private String awaitBrowser() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port()), 8);
            } catch (IOException e) {
                throw new IOException("cannot listen for the SAML callback on " + listen + ": " + e.getMessage(), e);
            }
            listener = socket;
            if (aborted) {
                throw new IOException("stopped");
            }
            String url = startUrl();
            log.warn("SAML sign-in needed: open {} in a browser on this machine (the FortiGate sends it back to {})",
                    url, socket.getLocalSocketAddress());
            user.awaitingUser("sign in with SAML: open the link in a browser", url);
            while (true) {
                Socket browser;
                try {
                    browser = socket.accept();
                } catch (IOException e) {
                    throw new IOException(aborted ? "stopped" : "SAML listener failed: " + e.getMessage(), e);
                }
                try (browser) {
                    String id = serve(browser);
                    if (id != null) {
                        log.info("SAML sign-in came back from the browser");
                        return id;
                    }
                } catch (IOException e) {
                    log.debug("SAML listener: a request failed: {}", e.toString());
                }
            }
        } finally {
            listener = null;
        }
    }

    /** Answers one browser request; returns the id when it is {@code GET /?id=...}. */
    private static String serve(Socket browser) throws IOException {
        browser.setSoTimeout(10_000);
        String requestLine = readHead(browser.getInputStream());
        String[] parts = requestLine.split(" ");
        String id = null;
        if (parts.length == 3 && parts[0].equals("GET") && parts[1].startsWith("/?")) {
            Map<String, String> query = FormBody.parse(parts[1].substring(2));
            String candidate = query.get("id");
            if (candidate != null && !candidate.isEmpty() && candidate.length() <= 4096
                    && candidate.chars().allMatch(c -> c > ' ' && c < 127)) {
                id = candidate;
            }
        }
        OutputStream out = browser.getOutputStream();
        byte[] body = id != null ? DONE_PAGE : "Not found\n".getBytes(StandardCharsets.US_ASCII);
        String head = (id != null ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found") + "\r\n"
                + "Content-Type: " + (id != null ? "text/html; charset=utf-8" : "text/plain") + "\r\n"
                + "Content-Length: " + body.length + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return id;
    }

    /** Reads the request head and returns its first line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() > MAX_REQUEST_HEAD) {
                throw new IOException("request head too long");
            }
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
                break;
            }
        }
        int end = head.indexOf("\r\n");
        return end < 0 ? head.toString() : head.substring(0, end);
    }
}
