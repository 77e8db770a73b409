package dev.quetzal.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.service.DefaultUplinkStatus;
import dev.quetzal.runtime.wiring.Gateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the JSON document of {@code /status}. */
final class StatusReport {
    private final Gateway gateway;
    private final MetricsRegistry metrics;
    private final TimeSource time;
    private final Instant startedAt;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    StatusReport(Gateway gateway, MetricsRegistry metrics, TimeSource time) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.time = time;
        this.startedAt = time.now();
    }

    String json() throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", ApiVersion.RELEASE);
        root.put("apiVersion", ApiVersion.CURRENT.toString());
        root.put("startedAt", startedAt.toString());
        root.put("uptimeSeconds", Duration.between(startedAt, time.now()).toSeconds());
        root.put("uplink", uplink(gateway.services().uplink().current()));
        root.put("components", components());
        root.put("sessions", sessions());
        root.put("routes", routes(gateway.services().routes().status()));
        root.put("napt", gateway.services().napt().status());
        root.put("metrics", metrics.samples());
        gateway.services().prompts().open().ifPresent(open -> root.put("prompt", Map.of("id", open.id(), "text", open.prompt())));
        return mapper.writeValueAsString(root);
    }

    MetricsRegistry metrics() {
        return metrics;
    }

    private static Map<String, Object> uplink(BackendState state) {
        Map<String, Object> uplink = new LinkedHashMap<>();
        uplink.put("state", switch (state) {
            case BackendState.Disconnected d -> "disconnected";
            case BackendState.Connecting c -> "connecting";
            case BackendState.AwaitingUser a -> "awaiting-user";
            case BackendState.Connected c -> "connected";
        });
        uplink.put("detail", DefaultUplinkStatus.describe(state));
        if (state instanceof BackendState.AwaitingUser awaiting && awaiting.link() != null) {
            uplink.put("link", awaiting.link());
        }
        if (state instanceof BackendState.Connected connected) {
            uplink.put("addresses", connected.uplink().addresses().stream().map(Object::toString).toList());
            uplink.put("dnsServers", connected.uplink().dnsServers().stream().map(Object::toString).toList());
            uplink.put("dnsSuffixes", connected.uplink().dnsSuffixes());
            uplink.put("mtu", connected.uplink().mtu());
        }
        return uplink;
    }

    private List<Map<String, Object>> components() {
        List<Map<String, Object>> list = new ArrayList<>();
        gateway.components().forEach(running -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", running.spec().kind().label());
            entry.put("name", running.spec().name());
            entry.put("type", running.spec().type());
            entry.put("plugin", running.spec().plugin().plugin());
            try {
                entry.put("status", running.status());
            } catch (RuntimeException e) {
                entry.put("status", Map.of("error", e.toString()));
            }
            list.add(entry);
        });
        return list;
    }

    private List<Map<String, Object>> sessions() {
        List<Map<String, Object>> list = new ArrayList<>();
        gateway.components().forEach(running -> {
            if (running.component() instanceof Frontend frontend) {
                for (ClientSession session : frontend.sessions()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("frontend", running.spec().name());
                    entry.put("id", session.id());
                    entry.put("identity", session.identity());
                    entry.put("addresses", session.innerAddresses().stream().map(Object::toString).toList());
                    entry.put("endpoint", String.valueOf(session.remoteEndpoint()));
                    list.add(entry);
                }
            }
        });
        return list;
    }

    /** The route set clients get, its DNS domains, what the cap left out and each publisher's share. */
    private static Map<String, Object> routes(DefaultRouteRegistry.Status status) {
        RouteRegistry.RouteSet set = status.routeSet();
        Map<String, Object> routes = new LinkedHashMap<>();
        routes.put("version", set.version());
        routes.put("fullTunnel", set.isFullTunnel());
        routes.put("routes", set.routes().stream().map(StatusReport::route).toList());
        routes.put("dnsDomains", set.dnsDomains());
        routes.put("maxRoutes", status.maxRoutes());
        routes.put("leftOut", status.leftOut());
        routes.put("sources", status.sources().stream().map(StatusReport::source).toList());
        return routes;
    }

    private static Map<String, Object> route(Route route) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("prefix", route.prefix().toString());
        entry.put("kind", route.kind().name().toLowerCase(Locale.ROOT));
        entry.put("source", route.source());
        return entry;
    }

    private static Map<String, Object> source(DefaultRouteRegistry.SourceCount count) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("source", count.source());
        entry.put("routes", count.routes());
        entry.put("dnsDomains", count.dnsDomains());
        return entry;
    }
}
