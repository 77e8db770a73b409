package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.config.EmptyConfig;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code "napt"} section: off by default, defaults at the RFC timeouts (RFC 4787 REQ-5, RFC 5382
 * REQ-5, RFC 5508 REQ-1), and errors that name {@code $.napt.<field>} and what was expected.
 */
@DisplayName("napt settings (issue 7 item 1; RFC 4787 REQ-5, RFC 5382 REQ-5, RFC 5508 REQ-1)")
final class NaptSettingsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("absent section: NAPT follows the backend, ports 1024-65535, 65536 mappings, 4096 per client, RFC timeouts")
    void absentSectionGivesDefaults() throws Exception {
        NaptSettings napt = load("").settings().napt();

        assertNull(napt.enabled());
        assertTrue(napt.enabledFor(true), "on for a backend that accepts only its assigned addresses");
        assertFalse(napt.enabledFor(false));
        assertEquals(1024, napt.portLow());
        assertEquals(65535, napt.portHigh());
        assertEquals(65536, napt.maxMappings());
        assertEquals(4096, napt.maxPerClient());
        assertEquals(Duration.ofMinutes(5), napt.udpTimeout());
        assertEquals(Duration.ofMinutes(124), napt.tcpEstablishedTimeout());
        assertEquals(Duration.ofMinutes(4), napt.tcpTransitoryTimeout());
        assertEquals(Duration.ofSeconds(60), napt.icmpTimeout());
        assertEquals(GatewaySettings.defaults().napt(), napt);
    }

    @Test
    @DisplayName("every field binds from the file")
    void everyFieldBinds() throws Exception {
        NaptSettings napt = load("""
                , "napt": { "enabled": true, "portRange": "20000-29999", "maxMappings": 1000, "maxPerClient": 10,
                  "udpTimeout": "10m", "tcpEstablishedTimeout": "3h", "tcpTransitoryTimeout": "5m", "icmpTimeout": "2m" }
                """).settings().napt();

        assertEquals(new NaptSettings(true, "20000-29999", 1000, 10, Duration.ofMinutes(10), Duration.ofHours(3),
                Duration.ofMinutes(5), Duration.ofMinutes(2)), napt);
        assertTrue(napt.enabled());
        assertTrue(napt.enabledFor(false), "an explicit true holds for any backend");
        assertFalse(napt.withEnabled(false).enabledFor(true), "and so does an explicit false");
        assertEquals(20000, napt.portLow());
        assertEquals(29999, napt.portHigh());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "portRange | '\"1024\"' | expected a port range like 1024-65535, got \"1024\"",
            "portRange | '\"0-100\"' | expected low-high with 1 <= low <= high <= 65535, got \"0-100\"",
            "portRange | '\"2000-1000\"' | expected low-high with 1 <= low <= high <= 65535, got \"2000-1000\"",
            "portRange | '\"1-65536\"' | expected low-high with 1 <= low <= high <= 65535, got \"1-65536\"",
            "maxMappings | 15 | expected 16..4194304, got 15",
            "maxPerClient | 0 | expected 1..65536, got 0",
            "maxPerClient | 70000 | expected 1..65536, got 70000",
            "udpTimeout | '\"119s\"' | expected 2m..1d, got 119s",
            "tcpEstablishedTimeout | '\"2h\"' | expected 2h4m..1d, got 2h",
            "tcpTransitoryTimeout | '\"3m\"' | expected 4m..1d, got 3m",
            "icmpTimeout | '\"59s\"' | expected 60s..1d, got 59s",
            "icmpTimeout | '\"2d\"' | expected 60s..1d, got 2d",
    })
    @DisplayName("values outside their ranges are refused at $.napt.<field>, naming what was expected")
    void badValuesNameTheirPath(String field, String json, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(", \"napt\": { \"" + field + "\": " + json + " }"));

        assertEquals("$.napt." + field, e.jsonPath());
        assertTrue(e.problem().contains(expected), e.problem());
    }

    @Test
    @DisplayName("an unknown field in the section is refused at its path")
    void unknownFieldIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(", \"napt\": { \"maxMapings\": 10 }"));

        assertEquals("$.napt.maxMapings", e.jsonPath());
        assertTrue(e.problem().contains("maxMappings"), e.problem());
    }

    private LoadedConfig load(String extra) throws IOException, ConfigException {
        PluginRegistry pair = TestPlugins.registry(List.of(new TestPlugins.TestFrontendFactory<>("raw-udp",
                EmptyConfig.class), new TestPlugins.TestBackendFactory<>("raw-udp", EmptyConfig.class)),
                NaptSettingsTest.class.getClassLoader());
        Path file = Files.writeString(dir.resolve("gateway.json"),
                "{ \"frontends\": [ { \"type\": \"raw-udp\" } ], \"backend\": { \"type\": \"raw-udp\" }" + extra + " }");
        return new ConfigLoader(pair, Map.of()).load(file);
    }
}
