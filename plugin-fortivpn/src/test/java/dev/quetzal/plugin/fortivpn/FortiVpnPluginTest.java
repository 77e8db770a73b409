package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.testing.GatewayHarness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fortivpn} type loads through ServiceLoader and binds its config record (RFC 9110 §4.2: an
 * https authority is host:port); secrets stay out of the bound config's text.
 */
final class FortiVpnPluginTest {
    @TempDir
    Path folder;

    @Test
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.BACKEND, "fortivpn").orElseThrow();
        assertEquals(FortiVpnConfig.class, entry.factory().configType());
        assertTrue(entry.factory().description().contains("FortiGate SSL-VPN"));
    }

    @Test
    void bindsItsConfig() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "fortivpn", "server": "vpn.example.com:443", "username": "alice",
                             "password": {"env": "FORTI_PASSWORD"}}}
                """, Map.of("FORTI_PASSWORD", "s3cret"));
        FortiVpnConfig forti = (FortiVpnConfig) config.backend().config();
        assertEquals("vpn.example.com:443", forti.server().toString());
        assertEquals("s3cret", forti.password().reveal());
        assertFalse(config.toString().contains("s3cret"));
    }
}
