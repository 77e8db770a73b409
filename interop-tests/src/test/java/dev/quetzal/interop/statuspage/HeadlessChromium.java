package dev.quetzal.interop.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol with the JDK's WebSocket client:
 * one page target, commands answered by id (Page.navigate, Runtime.evaluate, Input.insertText,
 * Page.captureScreenshot). Every wait is bounded.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, String pageSocket) {
        this.process = process;
        this.socket = http.newWebSocketBuilder().connectTimeout(COMMAND_WAIT)
                .buildAsync(URI.create(pageSocket), new Listener()).orTimeout(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Starts chromium with a fresh profile in {@code profile} and attaches to its first page. */
    static HeadlessChromium start(Path program, Path profile, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(program.toString(), "--headless=new", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-gpu",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--password-store=basic",
                // The emulator's certificate is self-signed; the gateway checks it by pin, the browser cannot.
                "--ignore-certificate-errors", "--window-size=1100,1500"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox");
        }
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("chromium did not open its DevTools port (exit "
                            + (process.isAlive() ? "none" : process.exitValue()) + "): " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(activePort).getFirst().strip());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(COMMAND_WAIT).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    HeadlessChromium browser = new HeadlessChromium(process, target.path("webSocketDebuggerUrl").asText());
                    browser.call("Page.enable", Map.of());
                    browser.call("Security.setIgnoreCertificateErrors", Map.of("ignore", true));
                    return browser;
                }
            }
            throw new IllegalStateException("chromium has no page target: " + targets);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Sends one command and returns its result; a protocol error fails. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode response = answer.get(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    void navigate(String url) throws Exception {
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + result.get("errorText").asText());
        }
    }

    /** The value of a JavaScript expression in the page (promises awaited); a thrown exception fails. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls {@code expression} until it is true; fails with {@code what} and the page's text after {@code wait}. */
    void waitFor(String expression, Duration wait, String what) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate(expression).asBoolean(false)) {
                    return;
                }
            } catch (IllegalStateException navigating) {
                // The page is between documents; ask again.
            }
            Thread.sleep(100);
        }
        String text;
        try {
            text = evaluate("location.href + '\\n' + (document.body ? document.body.innerText : '')").asText();
        } catch (IllegalStateException e) {
            text = e.getMessage();
        }
        throw new AssertionError("timed out after " + wait + " waiting for " + what + "; the page:\n" + text);
    }

    /** Types {@code text} into the focused element, as a keyboard would (Input.insertText). */
    void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            http.close();
        }
    }

    /** Collects text frames into messages and completes the command each answers; events are ignored. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(buffer.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(p -> p.completeExceptionally(e));
                } finally {
                    buffer.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
