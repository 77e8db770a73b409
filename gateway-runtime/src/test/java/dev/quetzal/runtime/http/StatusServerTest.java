package dev.quetzal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.runtime.config.AddressPoolSettings;
import dev.quetzal.runtime.config.BufferSettings;
import dev.quetzal.runtime.config.GatewaySettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.TestSpecs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /status as JSON (RFC 8259) and /metrics in the Prometheus text exposition format 0.0.4, over HTTP/1.1 (RFC 9110). */
final class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = new GatewaySettings(new AddressPoolSettings(null, null),
                new StatusSettings(true, new HostPort("127.0.0.1", 0)), new BufferSettings(64, 128, 2048), Duration.ofSeconds(4));
        LoadedConfig config = new LoadedConfig(Path.of("status.json"), settings, List.of(TestSpecs.frontend("front")),
                TestSpecs.backend("back"), List.of(TestSpecs.filter("audit")));
        gateway = GatewayModule.createGateway(config);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + gateway.statusAddress() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusDescribesComponentsUplinkAndRoutes() throws Exception {
        HttpResponse<String> response = get("/status", "GET");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode status = new ObjectMapper().readTree(response.body());
        assertEquals(dev.quetzal.api.ApiVersion.CURRENT.toString(), status.get("apiVersion").asText());
        assertEquals("backend", status.get("components").get(0).get("kind").asText());
        assertEquals("audit", status.get("components").get(1).get("name").asText());
        assertEquals("frontend", status.get("components").get(2).get("kind").asText());
        assertEquals("disconnected", status.get("uplink").get("state").asText());
        assertTrue(status.get("routes").get("fullTunnel").asBoolean());
        assertTrue(status.get("metrics").isArray());
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get("/metrics", "GET");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("# TYPE quetzal_router_packets_total counter"), response.body());
    }

    @Test
    void onlyGetAndHeadOnKnownPaths() throws Exception {
        assertEquals(405, get("/status", "POST").statusCode());
        assertEquals(404, get("/statusx", "GET").statusCode());
        assertEquals(404, get("/", "GET").statusCode());
        assertEquals(200, get("/metrics", "HEAD").statusCode());
    }
}
