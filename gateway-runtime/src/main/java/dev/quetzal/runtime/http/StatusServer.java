package dev.quetzal.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.service.PagePrompts;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.api.service.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status endpoint: the page at {@code /} (with {@code /page.css}, {@code /page.js}), {@code GET
 * /status} (JSON), {@code GET /metrics} (Prometheus text format 0.0.4) and {@code POST /prompt} (an
 * answer to the open {@link PagePrompts} question). Bound to 127.0.0.1 by default because it shows
 * client identities and addresses; elsewhere every request needs the token printed at start ({@link
 * PageAccess}).
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    /** An answer is a one-time password or similar: a few bytes, never megabytes. */
    private static final int MAX_FORM = 4096;
    private static final Map<String, String> ASSETS = Map.of(
            "/page.css", "text/css; charset=utf-8",
            "/page.js", "text/javascript; charset=utf-8");

    private final StatusSettings settings;
    private final MetricsRegistry metrics;
    private final TimeSource time;
    private HttpServer server;
    private ExecutorService executor;
    private PageAccess access;

    public StatusServer(StatusSettings settings, MetricsRegistry metrics, TimeSource time) {
        this.settings = settings;
        this.metrics = metrics;
        this.time = time;
    }

    /** Listens, unless disabled in the config. Throws when the address cannot be bound. */
    public synchronized void start(Gateway gateway) {
        if (!settings.enabled()) {
            log.info("status endpoint disabled");
            return;
        }
        StatusReport report = new StatusReport(gateway, metrics, time);
        PagePrompts prompts = gateway.services().prompts();
        try {
            InetAddress host = InetAddress.getByName(settings.listen().host());
            server = HttpServer.create(new InetSocketAddress(host, settings.listen().port()), 16);
        } catch (IOException e) {
            throw new IllegalStateException("status endpoint cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
        }
        boolean loopback = server.getAddress().getAddress().isLoopbackAddress();
        access = PageAccess.create(settings.requireToken() || !loopback, gateway.services().secureRandom());
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("quetzal-status-", 0).factory());
        server.setExecutor(executor);
        PageAccess guard = access;
        server.createContext("/", exchange -> handle(exchange, guard, report, prompts));
        server.start();
        if (!loopback) {
            log.warn("status endpoint listens on {}, beyond this machine: it shows client identities and addresses",
                    server.getAddress());
        }
        // The one line that shows the token: whoever reads the gateway's output may use the page.
        log.info("status page at {} (/status, /metrics)", pageUrl());
    }

    /** The bound address as host:port, or null when not listening. */
    public synchronized String hostPort() {
        if (server == null) {
            return null;
        }
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The page's address, with {@code ?token=} when one is needed; null when not listening. */
    public synchronized String pageUrl() {
        if (server == null) {
            return null;
        }
        return "http://" + hostPort() + "/" + (access.needsToken() ? "?token=" + access.token() : "");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private static void handle(HttpExchange exchange, PageAccess access, StatusReport report, PagePrompts prompts)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            switch (access.check(method, exchange.getRequestURI(), exchange.getRequestHeaders())) {
                case FORBIDDEN -> {
                    text(exchange, 403, "forbidden\n");
                    return;
                }
                case UNAUTHORIZED -> {
                    text(exchange, 401, "open the page with the link the gateway printed at start (status page at ...?token=)\n");
                    return;
                }
                case SET_COOKIE -> {
                    exchange.getResponseHeaders().add("Set-Cookie", access.cookieHeader());
                    exchange.getResponseHeaders().set("Location", path);
                    exchange.sendResponseHeaders(303, -1);
                    return;
                }
                case ALLOW -> {
                    // below
                }
            }
            if (path.equals("/prompt")) {
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                answer(exchange, prompts);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            switch (path) {
                case "/" -> respond(exchange, "text/html; charset=utf-8",
                        () -> PageAssets.text("index.html").replace("{{csrf}}", access.csrf()));
                case "/status" -> respond(exchange, "application/json", report::json);
                case "/metrics" -> respond(exchange, "text/plain; version=0.0.4; charset=utf-8", () -> {
                    StringBuilder text = new StringBuilder(4096);
                    report.metrics().writePrometheus(text);
                    return text.toString();
                });
                default -> {
                    String type = ASSETS.get(path);
                    if (type == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        respond(exchange, type, () -> PageAssets.text(path.substring(1)));
                    }
                }
            }
        }
    }

    /** {@code id=...&answer=...} (form-urlencoded): 204 when it answered the open question, 409 when that is gone. */
    private static void answer(HttpExchange exchange, PagePrompts prompts) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM + 1);
        }
        if (body.length > MAX_FORM) {
            text(exchange, 413, "answer too long\n");
            return;
        }
        Map<String, String> form = FormFields.parse(new String(body, StandardCharsets.US_ASCII));
        String id = form.get("id");
        String answer = form.get("answer");
        if (id == null || answer == null || answer.isBlank()) {
            text(exchange, 400, "expected id and answer\n");
            return;
        }
        if (!prompts.answer(id, answer.strip())) {
            text(exchange, 409, "that question is no longer open\n");
            return;
        }
        log.info("a question was answered on the status page");
        exchange.sendResponseHeaders(204, -1);
    }

    private static void text(HttpExchange exchange, int code, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private interface Body {
        String get() throws IOException;
    }

    private static void respond(HttpExchange exchange, String contentType, Body body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] bytes;
        int code = 200;
        try {
            bytes = body.get().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            log.warn("status request {} failed: {}", path, e.toString(), e);
            bytes = ("internal error: " + e.getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8);
            contentType = "text/plain; charset=utf-8";
            code = 500;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
