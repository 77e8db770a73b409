package dev.quetzal.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.api.service.TimeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status endpoint: {@code GET /status} (JSON) and {@code GET /metrics} (Prometheus text format
 * 0.0.4). Bound to 127.0.0.1 by default because it shows client identities and addresses.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    private final StatusSettings settings;
    private final MetricsRegistry metrics;
    private final TimeSource time;
    private HttpServer server;
    private ExecutorService executor;

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
        try {
            InetAddress host = InetAddress.getByName(settings.listen().host());
            server = HttpServer.create(new InetSocketAddress(host, settings.listen().port()), 16);
        } catch (IOException e) {
            throw new IllegalStateException("status endpoint cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
        }
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("quetzal-status-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/status", exchange -> respond(exchange, "application/json", () -> report.json()));
        server.createContext("/metrics", exchange -> respond(exchange, "text/plain; version=0.0.4; charset=utf-8", () -> {
            StringBuilder text = new StringBuilder(4096);
            metrics.writePrometheus(text);
            return text.toString();
        }));
        server.start();
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            log.warn("status endpoint listens on {}, beyond this machine: it shows client identities and addresses",
                    server.getAddress());
        }
        log.info("status at http://{}/status and /metrics", hostPort());
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

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private interface Body {
        String get() throws IOException;
    }

    private static void respond(HttpExchange exchange, String contentType, Body body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            // createContext matches by prefix; /statusfoo is not ours.
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
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
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
