package dev.quetzal.plugin.ikev2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.sa.DosPolicy;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.GatewayStartException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ikev2} type loads through ServiceLoader, binds its config record (RFC 7296 §2.23 (ports), §3.5 (our
 * ID)) with precise errors, and a bad PEM file stops the start with the field and file named.
 */
final class Ikev2PluginTest {
    private static final String FILES = "\"certificate\": \"server.pem\", \"key\": \"server-key.pem\", \"clientCa\": \"ca.pem\"";

    @TempDir
    Path folder;

    @Test
    void registersItsType() {
        var entry = GatewayHarness.classPathPlugins().find(ComponentKind.FRONTEND, "ikev2").orElseThrow();
        assertEquals(Ikev2Config.class, entry.factory().configType());
        assertFalse(entry.factory().description().contains("not in this release"));
    }

    @Test
    void bindsItsConfig() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "suites": ["chacha20poly1305-prfsha256-x25519"]}],
                 "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        Ikev2Config ikev2 = (Ikev2Config) config.frontends().getFirst().config();
        // RFC 7296 §2.23: IKE on UDP 500, NAT traversal and ESP-in-UDP on 4500.
        assertEquals(500, ikev2.ikePort());
        assertEquals(4500, ikev2.natPort());
        assertEquals("0.0.0.0", ikev2.listenAddress().toString());
        // Paths are relative to the config file's folder.
        assertEquals(folder.resolve("server-key.pem").normalize(), ikev2.key());
        assertEquals(List.of("chacha20poly1305-prfsha256-x25519"), ikev2.suites());
    }

    @Test
    void rejectsABadValueWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "ikePort": 70000}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of()));
        assertTrue(e.getMessage().contains("$.frontends[0].ikePort: expected 0..65535, got 70000"), e.getMessage());
    }

    @Test
    void requiresClientCa() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", "certificate": "s.pem", "key": "k.pem"}],
                 "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """, Map.of()));
        assertTrue(e.getMessage().contains("$.frontends[0].clientCa: missing, expected a PEM file of CA certificates"),
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownSuiteByIndex() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "suites": ["aes256gcm16-prfsha256-ecp256", "3des-md5-modp1024"]}],
                 "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of()));
        assertTrue(e.getMessage().contains("suites[1]: expected one of [aes256gcm16-prfsha256-ecp256"), e.getMessage());
    }

    @Test
    void missingCertificateFileStopsTheStart() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        GatewayStartException e = assertThrows(GatewayStartException.class,
                () -> GatewayModule.createGateway(config).start());
        assertTrue(e.getMessage().contains("certificate " + folder.resolve("server.pem") + ": cannot be read"),
                e.getMessage());
    }

    @Test
    void lifetimesDefault() throws Exception {
        // RFC 7296 §2.8: IKE SA 4 h, Child SA 1 h, margin 10 % (at least 30 s), jitter 5 %, no byte limit.
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        Ikev2Config.Lifetimes l = ((Ikev2Config) config.frontends().getFirst().config()).lifetimes();
        assertEquals(java.time.Duration.ofHours(4), l.ikeSa());
        assertEquals(java.time.Duration.ofHours(1), l.childSa());
        var sa = l.toSaLifetimes();
        assertEquals(360_000_000_000L, sa.childSa().marginNanos());
        assertEquals(180_000_000_000L, sa.childSa().jitterNanos());
        assertEquals(0, sa.childSaBytes());
        // RFC 7296 §2.4: a silent client is checked after 30 s by default.
        assertEquals(30_000_000_000L, sa.dpdIntervalNanos());
        // RFC 4478: no AUTH_LIFETIME, no reauthentication, unless configured.
        assertEquals(0, sa.reauthNanos());
    }

    @Test
    void reauthMapped() throws Exception {
        // RFC 7296 §2.8.3, RFC 4478: the authentication lifetime announced in AUTH_LIFETIME.
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "lifetimes": {"reauth": "8h"}}],
                 "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        var sa = ((Ikev2Config) config.frontends().getFirst().config()).lifetimes().toSaLifetimes();
        assertEquals(28_800_000_000_000L, sa.reauthNanos());
    }

    @Test
    void dpdIntervalMappedAndSwitchedOff() throws Exception {
        // RFC 7296 §2.4: the liveness check interval in the runtime's duration format; 0s turns it off.
        for (var entry : Map.of("\"5s\"", 5_000_000_000L, "\"0s\"", 0L).entrySet()) {
            LoadedConfig config = GatewayHarness.load(folder, """
                    {"frontends": [{"type": "ikev2", %s, "lifetimes": {"dpdInterval": %s}}],
                     "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                    """.formatted(FILES, entry.getKey()), Map.of());
            var sa = ((Ikev2Config) config.frontends().getFirst().config()).lifetimes().toSaLifetimes();
            assertEquals(entry.getValue(), sa.dpdIntervalNanos(), entry.getKey());
        }
    }

    @Test
    void lifetimesMapped() throws Exception {
        // RFC 7296 §2.8 lifetimes in the runtime's duration format.
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "lifetimes": {"ikeSa": "2h", "childSa": "20s",
                  "childSaBytes": 1073741824, "rekeyMargin": "5s", "rekeyJitter": "500ms"}}],
                 "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        var sa = ((Ikev2Config) config.frontends().getFirst().config()).lifetimes().toSaLifetimes();
        assertEquals(20_000_000_000L, sa.childSa().lifetimeNanos());
        assertEquals(5_000_000_000L, sa.childSa().marginNanos());
        assertEquals(500_000_000L, sa.childSa().jitterNanos());
        assertEquals(7_200_000_000_000L, sa.ikeSa().lifetimeNanos());
        assertEquals(5_000_000_000L, sa.ikeSa().marginNanos());
        assertEquals(1L << 30, sa.childSaBytes());
    }

    @Test
    void lifetimesRejectedWithTheirPath() {
        // Each bad value gives one line naming its JSON path (RFC 7296 §2.8 needs margin + jitter below the lifetime).
        assertLifetimeError("\"childSa\": \"30\"", "$.frontends[0].lifetimes.childSa: expected a duration like 30s");
        assertLifetimeError("\"childSa\": \"5s\"", "$.frontends[0].lifetimes.childSa: expected 10s..30d, got 5s");
        assertLifetimeError("\"childSa\": \"20s\", \"rekeyMargin\": \"20s\"",
                "$.frontends[0].lifetimes.rekeyMargin: expected rekeyMargin + rekeyJitter below childSa (20s), got 20s + 1s");
        assertLifetimeError("\"rekeyJitter\": \"2h\"",
                "$.frontends[0].lifetimes.rekeyJitter: expected rekeyMargin + rekeyJitter below childSa (3600s)");
        assertLifetimeError("\"childSaBytes\": 1000", "$.frontends[0].lifetimes.childSaBytes: expected at least 1048576");
        assertLifetimeError("\"rekeyMargin\": \"0s\"", "$.frontends[0].lifetimes.rekeyMargin: expected a duration above 0s");
        assertLifetimeError("\"dpdInterval\": \"500ms\"",
                "$.frontends[0].lifetimes.dpdInterval: expected 0s (off) or 1s..30d, got 500ms");
        assertLifetimeError("\"reauth\": \"5s\"", "$.frontends[0].lifetimes.reauth: expected 0s (off) or 10s..30d, got 5s");
    }

    @Test
    void dosDefaultsAndMapped() throws Exception {
        // RFC 7296 §2.6: cookies from 50 half-open IKE SAs, at most 5000 of them, 20 IKE_SA_INIT a second per source.
        LoadedConfig defaults = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        assertEquals(DosPolicy.DEFAULT, ((Ikev2Config) defaults.frontends().getFirst().config()).dos().toDosPolicy());
        assertEquals(new DosPolicy(50, 5000, 20), DosPolicy.DEFAULT);
        LoadedConfig set = GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "dos": {"cookieThreshold": 0, "maxHalfOpen": 100,
                  "initRatePerSource": 5}}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES), Map.of());
        assertEquals(new DosPolicy(0, 100, 5), ((Ikev2Config) set.frontends().getFirst().config()).dos().toDosPolicy());
    }

    @Test
    void dosRejectedWithItsPath() {
        // One line naming the JSON path of each bad RFC 7296 §2.6 limit.
        assertDosError("\"maxHalfOpen\": 0", "$.frontends[0].dos.maxHalfOpen: expected 1..1000000, got 0");
        assertDosError("\"maxHalfOpen\": 10, \"cookieThreshold\": 11",
                "$.frontends[0].dos.cookieThreshold: expected 0..maxHalfOpen (10), got 11");
        assertDosError("\"cookieThreshold\": -1", "$.frontends[0].dos.cookieThreshold: expected 0..maxHalfOpen");
        assertDosError("\"initRatePerSource\": 0", "$.frontends[0].dos.initRatePerSource: expected 1..1000000, got 0");
    }

    private void assertDosError(String fields, String expected) {
        assertObjectError("dos", fields, expected);
    }

    private void assertLifetimeError(String fields, String expected) {
        assertObjectError("lifetimes", fields, expected);
    }

    /** The frontend with {@code "object": {fields}} fails to load with one line containing {@code expected}. */
    private void assertObjectError(String object, String fields, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "ikev2", %s, "%s": {%s}}],
                 "backend": {"type": "test-backend", "server": "vpn.example.com:443"}}
                """.formatted(FILES, object, fields), Map.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().strip().lines().count(), e.getMessage());
    }
}
