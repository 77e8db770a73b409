package dev.quetzal.plugin.nat64;

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
 * The {@code nat64} type loads through ServiceLoader, binds its config record (RFC 6052 §2.2 (prefix lengths)) and, until
 * its protocol work lands, refuses to run with a message that says so.
 */
final class Nat64PluginTest {
    @TempDir
    Path folder;

    @Test
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.FILTER, "nat64").orElseThrow();
        assertEquals(Nat64Config.class, entry.factory().configType());
        assertTrue(entry.factory().description().contains("not in this release yet"));
    }

    @Test
    void bindsItsConfig() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "nat64", "prefix": "64:ff9b::/96"}]}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        Nat64Config nat64 = (Nat64Config) config.filters().getFirst().config();
        assertEquals("64:ff9b::/96", nat64.prefix().toString());
    }

    @Test
    void rejectsABadValueWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "nat64", "prefix": "64:ff9b::/80"}]}
                """, Map.of()));
        assertTrue(e.getMessage().contains("$.filters[0].prefix: expected an IPv6 prefix of length 32, 40, 48, 56, 64 or 96 (RFC 6052 §2.2), got 64:ff9b::/80"), e.getMessage());
    }

    @Test
    void refusesToRunUntilBuilt() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "nat64", "prefix": "64:ff9b::/96"}]}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        GatewayStartException e = assertThrows(GatewayStartException.class,
                () -> GatewayModule.createGateway(config).start());
        assertTrue(e.getMessage().contains("is not in this release yet"), e.getMessage());
    }
}
