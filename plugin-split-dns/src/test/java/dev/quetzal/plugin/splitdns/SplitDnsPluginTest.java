package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code split-dns} type loads through ServiceLoader, binds its config record (issue 6; RFC 8598
 * §4: split DNS domains are a list) and runs in the real gateway.
 */
final class SplitDnsPluginTest {
    private static final String HEAD = """
            {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
             "status": {"enabled": false},
            """;

    @TempDir
    Path folder;

    @Test
    @DisplayName("issue 6: the split-dns filter type is registered with its config record")
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.FILTER, "split-dns").orElseThrow();
        assertEquals(SplitDnsConfig.class, entry.factory().configType());
        assertFalse(entry.factory().description().contains("not in this release"));
    }

    @Test
    @DisplayName("issue 6: every field binds from JSON, durations in the runtime's forms")
    void bindsItsConfig() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, HEAD + """
                 "filters": [{"type": "split-dns", "tunnelDomains": ["Corp.Example."], "staticRoutes": ["198.18.0.0/16"],
                  "excludeRoutes": ["198.18.9.0/24"], "dnsDomains": ["corp.example", "ad.example"], "ttlFloor": "30s",
                  "grace": "5m", "otherQueries": "refuse", "maxLearned": 100}]}
                """, Map.of());
        SplitDnsConfig split = (SplitDnsConfig) config.filters().getFirst().config();
        assertEquals(List.of("corp.example"), split.tunnelDomains());
        assertEquals("198.18.0.0/16", split.staticRoutes().getFirst().toString());
        assertEquals("198.18.9.0/24", split.excludeRoutes().getFirst().toString());
        assertEquals(List.of("corp.example", "ad.example"), split.dnsDomains());
        assertEquals(Duration.ofSeconds(30), split.ttlFloor());
        assertEquals(Duration.ofMinutes(5), split.grace());
        assertTrue(split.refusesOtherQueries());
        assertEquals(100, split.maxLearned());
    }

    @Test
    @DisplayName("issue 6: bad values are refused with their JSON path and what was expected")
    void rejectsBadValuesWithTheirPath() {
        Map<String, String> cases = Map.of(
                "\"tunnelDomains\": \"corp.example\"", "$.filters[0].tunnelDomains: expected a list",
                "\"tunnelDomains\": [\"corp.example\", \"bad name\"]", "$.filters[0].tunnelDomains[1]: expected a DNS name",
                "\"dnsDomains\": [\"-x.example\"]", "$.filters[0].dnsDomains[0]: expected a DNS name",
                "\"staticRoutes\": [\"10.1.2.3/8\"]", "$.filters[0].staticRoutes",
                "\"otherQueries\": \"forward\"", "$.filters[0].otherQueries: expected \"resolve\" or \"refuse\"",
                "\"maxLearned\": 0", "$.filters[0].maxLearned: expected 1..1000000, got 0",
                "\"ttlFloor\": \"2d\"", "$.filters[0].ttlFloor: expected a duration 0s..1d",
                "\"grace\": \"8d\"", "$.filters[0].grace: expected a duration 0s..7d, got 192h");
        cases.forEach((field, expected) -> {
            ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, HEAD
                    + "\"filters\": [{\"type\": \"split-dns\", " + field + "}]}", Map.of()), field);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        });
    }

    @Test
    @DisplayName("issue 6: in the real gateway the filter publishes its static routes and learned addresses and withdraws them on stop")
    void runsInTheGateway() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, HEAD + """
                 "filters": [{"type": "split-dns", "tunnelDomains": ["corp.example"], "staticRoutes": ["198.18.0.0/16"],
                  "excludeRoutes": ["198.18.9.0/24"]}]}
                """, Map.of());
        Gateway gateway = GatewayModule.createGateway(config);
        gateway.start();
        RouteRegistry routes = gateway.services().routes();
        try {
            assertTrue(gateway.components().stream().anyMatch(c -> c.component() instanceof SplitDnsFilter));
            assertTrue(routes.current().routes().stream()
                    .anyMatch(r -> r.kind() == Route.Kind.EXCLUDE && r.source().equals("split-dns:static")));
            assertTrue(routes.current().routes().stream()
                    .anyMatch(r -> r.kind() == Route.Kind.INCLUDE && r.source().equals("split-dns:static")));
            // A DNS answer from the network passes the filter on its way to a client and becomes a route at once.
            gateway.services().router().fromNetwork(Datagrams.udp("198.19.0.53", 53, "100.64.0.2", 40000,
                    DnsBytes.response(1, 0, 1).address("app.corp.example", 60, "198.19.77.7").toBytes()));
            assertTrue(routes.current().routes().contains(
                    Route.include(IpPrefix.parse("198.19.77.7/32"), "split-dns:corp.example")), routes.current().toString());
        } finally {
            assertTrue(gateway.stop(), "stopped in time");
        }
        assertTrue(routes.current().routes().stream().noneMatch(r -> r.source().startsWith("split-dns")));
    }
}
