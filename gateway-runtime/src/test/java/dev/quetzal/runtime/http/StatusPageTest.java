package dev.quetzal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.runtime.cli.routes.StatusClient;
import dev.quetzal.runtime.cli.routes.StatusException;
import dev.quetzal.runtime.config.AddressPoolSettings;
import dev.quetzal.runtime.config.BufferSettings;
import dev.quetzal.runtime.config.GatewaySettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.TestSpecs;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The status page over HTTP with {@code status.requireToken} (issue 9, sign-in page: "protected by a token the
 * gateway prints at start"): the token once, then the cookie; the page's CSRF token on answers; a question of
 * {@code UserPrompts} shown in /status and answered through {@code POST /prompt}.
 */
@Timeout(30)
final class StatusPageTest {
    private static final Pattern CSRF = Pattern.compile("name=\"quetzal-csrf\" content=\"([0-9a-f]{32})\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Gateway gateway;
    private String base;
    private String token;
    private final ch.qos.logback.classic.Logger root =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        logs.start();
        root.addAppender(logs);
        GatewaySettings settings = new GatewaySettings(new AddressPoolSettings(null, null),
                new StatusSettings(true, new HostPort("127.0.0.1", 0), true), new BufferSettings(64, 128, 2048),
                Duration.ofSeconds(4), null);
        gateway = GatewayModule.createGateway(new LoadedConfig(Path.of("status.json"), settings,
                List.of(TestSpecs.frontend("front")), TestSpecs.backend("back"), List.of()));
        gateway.start();
        base = "http://" + gateway.statusAddress();
        String url = gateway.statusPageUrl();
        assertTrue(url.startsWith(base + "/?token="), url);
        token = url.substring(url.indexOf("token=") + 6);
    }

    @AfterEach
    void stop() {
        gateway.stop();
        root.detachAppender(logs);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        return cookie == null ? request : request.header("Cookie", cookie);
    }

    private String cookie() throws Exception {
        HttpResponse<String> response = send(get("/?token=" + token, null));
        assertEquals(303, response.statusCode());
        assertEquals("/", response.headers().firstValue("Location").orElseThrow(), "the token leaves the address bar");
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> answer(String cookie, String csrf, String form) throws Exception {
        HttpRequest.Builder request = get("/prompt", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base).POST(HttpRequest.BodyPublishers.ofString(form));
        return send(csrf == null ? request : request.header(PageAccess.CSRF_HEADER, csrf));
    }

    @Test
    @DisplayName("without the token nothing answers; ?token= once gives an HttpOnly cookie that opens the page, API and metrics")
    void tokenThenCookie() throws Exception {
        for (String path : List.of("/", "/status", "/metrics", "/page.js")) {
            assertEquals(401, send(get(path, null)).statusCode(), path);
        }
        assertEquals(401, send(get("/?token=" + token.replace(token.charAt(0), token.charAt(0) == 'a' ? 'b' : 'a'), null))
                .statusCode());
        String cookie = cookie();
        HttpResponse<String> page = send(get("/", cookie));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(CSRF.matcher(page.body()).find(), "the page carries its CSRF token");
        assertFalse(page.body().contains(token), "the access token is never in the page");
        assertEquals(200, send(get("/page.js", cookie)).statusCode());
        assertEquals(200, send(get("/page.css", cookie)).statusCode());
        assertEquals(200, send(get("/metrics", null).header("Authorization", "Bearer " + token)).statusCode());
        HttpResponse<String> status = send(get("/status", cookie));
        assertEquals(200, status.statusCode());
        assertFalse(status.body().contains(token), "the token is never in /status");
    }

    @Test
    @DisplayName("a question shows in /status and is answered with POST /prompt and the page's CSRF token; never the answer in /status")
    void promptAnswered() throws Exception {
        String cookie = cookie();
        Matcher csrf = CSRF.matcher(send(get("/", cookie)).body());
        assertTrue(csrf.find());
        CompletableFuture<Optional<String>> asked = CompletableFuture.supplyAsync(() -> {
            try {
                return gateway.services().prompts().ask("FortiVPN one-time password", Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode prompt = awaitPrompt(cookie);
        assertEquals("FortiVPN one-time password", prompt.path("text").asText());
        String id = prompt.path("id").asText();

        assertEquals(403, answer(cookie, null, "id=" + id + "&answer=111111").statusCode(), "no CSRF token");
        assertEquals(401, answer(null, csrf.group(1), "id=" + id + "&answer=111111").statusCode(), "no access token");
        assertEquals(409, answer(cookie, csrf.group(1), "id=0" + id + "&answer=111111").statusCode(), "another question");
        assertEquals(400, answer(cookie, csrf.group(1), "id=" + id).statusCode(), "no answer");
        assertFalse(asked.isDone());
        assertEquals(204, answer(cookie, csrf.group(1), "id=" + id + "&answer=+654321+").statusCode());
        assertEquals(Optional.of("654321"), asked.get(10, TimeUnit.SECONDS));
        String after = send(get("/status", cookie)).body();
        assertFalse(after.contains("\"prompt\""), after);
        assertFalse(after.contains("654321"), "the answer never shows in /status");
        assertEquals(409, answer(cookie, csrf.group(1), "id=" + id + "&answer=654321").statusCode(), "answered once");
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, lines.stream().filter(line -> line.contains(token)).count(), "the token only in the start line: " + lines);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("status page at http://") && line.contains(token)), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("654321")), "the answer is never logged: " + lines);
    }

    @Test
    @DisplayName("quetzal routes reads /status with ?token= as a bearer header; without it one line that never shows a token")
    void statusClientWithToken() throws Exception {
        StatusClient client = new StatusClient();
        JsonNode status = client.fetch(URI.create(base + "/status?token=" + token));
        assertTrue(status.has("routes"), status.toString());
        StatusException refused = assertThrows(StatusException.class, () -> client.fetch(URI.create(base + "/status")));
        assertTrue(refused.getMessage().contains("needs its access token"), refused.getMessage());
        StatusException wrong = assertThrows(StatusException.class,
                () -> client.fetch(URI.create(base + "/status?token=" + token.substring(2) + "00")));
        assertFalse(wrong.getMessage().contains(token.substring(2)), "the token stays out of messages: " + wrong.getMessage());
    }

    private JsonNode awaitPrompt(String cookie) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode prompt = new ObjectMapper().readTree(send(get("/status", cookie)).body()).path("prompt");
            if (!prompt.isMissingNode()) {
                return prompt;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no prompt in /status");
    }
}
