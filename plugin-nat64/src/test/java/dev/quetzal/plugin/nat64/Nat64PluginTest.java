package dev.quetzal.plugin.nat64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.testing.GatewayHarness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nat64} type loads through ServiceLoader and binds its config record (RFC 6052 §2.2 prefix
 * lengths, RFC 8215 default prefix, RFC 7757 mappings).
 */
final class Nat64PluginTest {
    @TempDir
    Path folder;

    @Test
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.FILTER, "nat64").orElseThrow();
        assertEquals(Nat64Config.class, entry.factory().configType());
        assertTrue(entry.factory().description().contains("RFC 7915"));
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
    void defaultsFollowTheNotes() throws Exception {
        // RFC 8215: the default Pref64 is a local-use /96 that may carry RFC 1918 addresses.
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "nat64"}]}
                """, Map.of());
        Nat64Config nat64 = (Nat64Config) config.filters().getFirst().config();
        assertEquals("64:ff9b:1::/96", nat64.prefix().toString());
        assertEquals(1280, nat64.lowestIpv6Mtu());
        assertTrue(nat64.checkWellKnownPrefix());
        assertEquals("compute", nat64.udpZeroChecksum());
    }

    @Test
    void rejectsAMappingWithUnequalHostBits() {
        // RFC 7757 §3.2: both sides of an EAM entry have the same number of host bits.
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
 "filters": [{"type": "nat64", "mappings": [{"ipv6": "2001:db8::/120", "ipv4": "192.0.2.0/25"}]}]}
                """, Map.of()));
        assertTrue(e.getMessage().contains("same number of host bits"), e.getMessage());
    }
}
