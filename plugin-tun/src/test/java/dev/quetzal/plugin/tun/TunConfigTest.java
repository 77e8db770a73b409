package dev.quetzal.plugin.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code tun} backend's JSON section as {@code quetzal check-config} binds it (README
 * "Configuration"): defaults, and one-line errors with the JSON path for values the kernel would
 * refuse (interface names per netdevice(7) / IFNAMSIZ, MTU per RFC 791 §3.2's 576-byte minimum).
 */
final class TunConfigTest {
    @TempDir
    Path folder;

    private TunConfig bind(String backendFields) throws ConfigException {
        LoadedConfig loaded = GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "test-frontend", "listen": "127.0.0.1:1"}],
                  "backend": {"type": "tun"%s},
                  "status": {"enabled": false}
                }
                """.formatted(backendFields.isEmpty() ? "" : ", " + backendFields), Map.of());
        return (TunConfig) loaded.backend().config();
    }

    private String error(String backendFields) {
        ConfigException e = assertThrows(ConfigException.class, () -> bind(backendFields));
        return e.getMessage();
    }

    @Test
    @DisplayName("defaults: device quetzal%d, MTU 1400, nothing reported, configure off")
    void defaults() throws ConfigException {
        TunConfig config = bind("");
        assertEquals("quetzal%d", config.device());
        assertEquals(1400, config.mtu());
        assertFalse(config.configure());
        assertEquals(List.of(), config.addresses());
        assertEquals(List.of(), config.dnsServers());
        assertEquals(List.of(), config.dnsSuffixes());
        assertEquals(List.of(), config.routes());
    }

    @Test
    @DisplayName("every field binds from its JSON form")
    void everyField() throws ConfigException {
        TunConfig config = bind("""
                "device": "qz-lab0", "addresses": ["198.18.210.1", "2001:db8::1"], "dnsServers": ["198.18.210.53"],
                "dnsSuffixes": ["lab.example"], "routes": ["198.18.210.0/24", "2001:db8::/64"], "mtu": 1280,
                "configure": true""");
        assertEquals("qz-lab0", config.device());
        assertEquals(List.of(IpAddress.parse("198.18.210.1"), IpAddress.parse("2001:db8::1")), config.addresses());
        assertEquals(List.of(IpAddress.parse("198.18.210.53")), config.dnsServers());
        assertEquals(List.of("lab.example"), config.dnsSuffixes());
        assertEquals(List.of(IpPrefix.parse("198.18.210.0/24"), IpPrefix.parse("2001:db8::/64")), config.routes());
        assertEquals(1280, config.mtu());
        assertTrue(config.configure());
    }

    @ParameterizedTest(name = "device {0}")
    @DisplayName("netdevice(7): names the kernel refuses are config errors, not start failures")
    @CsvSource(delimiter = '|', value = {
        "\"\"                  | expected an interface name of 1 to 15 characters, got \"\"",
        "\"quetzal-too-long0\" | expected an interface name of 1 to 15 characters, got \"quetzal-too-long0\"",
        "\"..\"                | expected an interface name, got \"..\"",
        "\"qz 0\"              | expected an interface name without spaces, '/', ':' or non-ASCII characters, got \"qz 0\"",
        "\"qz/0\"              | expected an interface name without spaces, '/', ':' or non-ASCII characters, got \"qz/0\"",
        "\"qz:0\"              | expected an interface name without spaces, '/', ':' or non-ASCII characters, got \"qz:0\"",
        "\"qz%s\"              | expected at most one '%', as the \"%d\" the kernel numbers, got \"qz%s\"",
        "\"qz%d%d\"            | expected at most one '%', as the \"%d\" the kernel numbers, got \"qz%d%d\""})
    void badDeviceNames(String json, String expected) {
        String message = error("\"device\": " + json);
        assertTrue(message.endsWith("$.backend.device: " + expected), message);
    }

    @Test
    @DisplayName("a 15-character name and a template are accepted")
    void longestNameAndTemplate() throws ConfigException {
        assertEquals("quetzal-tunnel0", bind("\"device\": \"quetzal-tunnel0\"").device());
        assertEquals("lab%d", bind("\"device\": \"lab%d\"").device());
    }

    @ParameterizedTest(name = "mtu {0}")
    @DisplayName("RFC 791 §3.2: the MTU is 576..65535")
    @CsvSource({"575", "65536", "0"})
    void mtuOutOfRange(int mtu) {
        String message = error("\"mtu\": " + mtu);
        assertTrue(message.endsWith("$.backend.mtu: expected 576..65535, got " + mtu), message);
    }

    @Test
    @DisplayName("a route with host bits set is refused with a hint")
    void routeWithHostBits() {
        String message = error("\"routes\": [\"198.18.210.1/24\"]");
        assertTrue(message.contains("$.backend.routes[0]"), message);
        assertTrue(message.contains("did you mean 198.18.210.0/24?"), message);
    }

    @Test
    @DisplayName("a blank DNS suffix is refused")
    void blankSuffix() {
        String message = error("\"dnsSuffixes\": [\"lab.example\", \" \"]");
        assertTrue(message.endsWith("$.backend.dnsSuffixes[1]: expected a domain name, got \" \""), message);
    }

    @Test
    @DisplayName("unknown fields are errors (README: Configuration)")
    void unknownField() {
        String message = error("\"devcie\": \"qz0\"");
        assertTrue(message.contains("$.backend.devcie"), message);
    }
}
