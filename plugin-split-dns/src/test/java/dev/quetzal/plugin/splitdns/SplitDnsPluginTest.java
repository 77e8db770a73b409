package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.GatewayStartException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code split-dns} type loads through ServiceLoader, binds its config record (RFC 8598 §4 (split DNS domains are a list)) and, until
 * its protocol work lands, refuses to run with a message that says so.
 */
final class SplitDnsPluginTest {
    @TempDir
    Path folder;

    @Test
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.FILTER, "split-dns").orElseThrow();
        assertEquals(SplitDnsConfig.class, entry.factory().configType());
        assertTrue(entry.factory().description().contains("not in this release yet"));
    }

    @Test
    void bindsItsConfig() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "split-dns", "tunnelDomains": ["corp.example"]}]}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        SplitDnsConfig split = (SplitDnsConfig) config.filters().getFirst().config();
        assertEquals(java.util.List.of("corp.example"), split.tunnelDomains());
    }

    @Test
    void rejectsABadValueWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "split-dns", "tunnelDomains": "corp.example"}]}
                """, Map.of()));
        assertTrue(e.getMessage().contains("$.filters[0].tunnelDomains: expected a list"), e.getMessage());
    }

    @Test
    void refusesToRunUntilBuilt() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "split-dns", "tunnelDomains": ["corp.example"]}]}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        GatewayStartException e = assertThrows(GatewayStartException.class,
                () -> GatewayModule.createGateway(config).start());
        assertTrue(e.getMessage().contains("is not in this release yet"), e.getMessage());
    }
}
