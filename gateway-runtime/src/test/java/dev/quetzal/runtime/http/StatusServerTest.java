package dev.quetzal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.runtime.config.AddressPoolSettings;
import dev.quetzal.runtime.config.BufferSettings;
import dev.quetzal.runtime.config.GatewaySettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.TestSpecs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /status as JSON (RFC 8259) and /metrics in the Prometheus text exposition format 0.0.4, over HTTP/1.1 (RFC 9110). */
final class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = new GatewaySettings(new AddressPoolSettings(null, null),
                new StatusSettings(true, new HostPort("127.0.0.1", 0)), new BufferSettings(64, 128, 2048), Duration.ofSeconds(4),
                null);
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
    @DisplayName("issue 6: the routes section shows each route with kind and source, DNS domains, the cap, left-out count and per-source counts")
    void routesSectionShowsTheRouteSet() throws Exception {
        DefaultRouteRegistry routes = gateway.services().routes();
        routes.publish("fortivpn", List.of(Route.include(IpPrefix.parse("10.0.0.0/8"), "fortivpn"),
                Route.exclude(IpPrefix.parse("10.9.0.0/16"), "fortivpn")));
        routes.publish("split-dns", List.of(Route.include(IpPrefix.parse("198.18.0.0/32"), "split-dns:a.corp.example"),
                Route.include(IpPrefix.parse("198.18.0.1/32"), "split-dns:b.corp.example")));
        routes.publishDnsDomains("split-dns", List.of("Corp.Example."));

        JsonNode section = new ObjectMapper().readTree(get("/status", "GET").body()).get("routes");

        assertEquals(List.of("version", "fullTunnel", "routes", "dnsDomains", "maxRoutes", "leftOut", "sources"),
                fieldNames(section));
        assertEquals(3, section.get("version").asLong());
        assertFalse(section.get("fullTunnel").asBoolean());
        assertEquals(new ObjectMapper().readTree("""
                [ {"prefix": "10.0.0.0/8", "kind": "include", "source": "fortivpn"},
                  {"prefix": "198.18.0.0/31", "kind": "include", "source": "split-dns:a.corp.example, split-dns:b.corp.example"},
                  {"prefix": "10.9.0.0/16", "kind": "exclude", "source": "fortivpn"} ]"""), section.get("routes"));
        assertEquals(List.of("prefix", "kind", "source"), fieldNames(section.get("routes").get(0)));
        assertEquals(new ObjectMapper().readTree("[\"corp.example\"]"), section.get("dnsDomains"));
        assertEquals(256, section.get("maxRoutes").asInt());
        assertEquals(0, section.get("leftOut").asInt());
        assertEquals(new ObjectMapper().readTree("""
                [ {"source": "fortivpn", "routes": 2, "dnsDomains": 0},
                  {"source": "split-dns", "routes": 2, "dnsDomains": 1} ]"""), section.get("sources"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @DisplayName("issue 7: the napt section says NAPT is off, as it is by default")
    void naptSectionWhenOff() throws Exception {
        JsonNode section = new ObjectMapper().readTree(get("/status", "GET").body()).get("napt");

        assertEquals(new ObjectMapper().readTree("{\"enabled\": false}"), section);
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get("/metrics", "GET");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("# TYPE quetzal_router_packets_total counter"), response.body());
    }

    @Test
    @DisplayName("RFC 9110 §15.5.6: GET and HEAD on known paths; a change without the page's CSRF token is refused first")
    void onlyGetAndHeadOnKnownPaths() throws Exception {
        assertEquals(403, get("/status", "POST").statusCode());
        assertEquals(404, get("/statusx", "GET").statusCode());
        assertEquals(404, get("/index.php", "GET").statusCode());
        assertEquals(200, get("/", "GET").statusCode());
        assertEquals(200, get("/metrics", "HEAD").statusCode());
    }
}
