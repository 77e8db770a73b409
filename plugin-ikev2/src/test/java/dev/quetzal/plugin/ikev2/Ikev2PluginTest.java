package dev.quetzal.plugin.ikev2;

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
 * The {@code ikev2} type loads through ServiceLoader, binds its config record (RFC 7296 §2.23 (ports)) and, until
 * its protocol work lands, refuses to run with a message that says so.
 */
final class Ikev2PluginTest {
    @TempDir
    Path folder;

    @Test
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.FRONTEND, "ikev2").orElseThrow();
        assertEquals(Ikev2Config.class, entry.factory().configType());
        assertTrue(entry.factory().description().contains("not in this release yet"));
    }

    @Test
    void bindsItsConfig() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        Ikev2Config ikev2 = (Ikev2Config) config.frontends().getFirst().config();
        // RFC 7296 §2.23: IKE on UDP 500, NAT traversal and ESP-in-UDP on 4500.
        assertEquals(500, ikev2.ikePort());
        assertEquals(4500, ikev2.natPort());
        assertEquals("0.0.0.0", ikev2.listenAddress().toString());
    }

    @Test
    void rejectsABadValueWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", "ikePort": 70000}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """, Map.of()));
        assertTrue(e.getMessage().contains("$.frontends[0].ikePort: expected 0..65535, got 70000"), e.getMessage());
    }

    @Test
    void refusesToRunUntilBuilt() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        GatewayStartException e = assertThrows(GatewayStartException.class,
                () -> GatewayModule.createGateway(config).start());
        assertTrue(e.getMessage().contains("is not in this release yet"), e.getMessage());
    }
}
