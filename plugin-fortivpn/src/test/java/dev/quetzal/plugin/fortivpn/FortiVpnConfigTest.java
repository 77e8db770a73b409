package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig.LoginMethod;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's config as the runtime binds it from JSON: defaults, every login method, and each
 * conflict or bad value reported at its JSON path (DESIGN.md "Configuration"; notes §2 login methods).
 */
final class FortiVpnConfigTest {
    private static final Map<String, String> ENV = Map.of("PW", "s3cret", "TOTP", "JBSWY3DPEHPK3PXP", "COOKIE", "AbC+/9=");

    @TempDir
    Path folder;

    private FortiVpnConfig bind(String backendFields) throws ConfigException {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "fortivpn", "server": "vpn.example.com:10443", %s}}
                """.formatted(backendFields), ENV);
        return (FortiVpnConfig) config.backend().config();
    }

    private String error(String backendFields) {
        ConfigException e = assertThrows(ConfigException.class, () -> bind(backendFields));
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("JBSWY3DPEHPK3PXP"), e.getMessage());
        return e.getMessage();
    }

    @DisplayName("defaults: at-start, queue 256, MRU 1400, backoff 1s..60s, echo from the XML with 3 failures, system trust")
    @Test
    void defaults() throws Exception {
        FortiVpnConfig config = bind("\"username\": \"alice\", \"password\": {\"env\": \"PW\"}");
        assertEquals(LoginMethod.PASSWORD, config.loginMethod());
        assertEquals(FortiVpnConfig.ConnectMode.AT_START, config.connect());
        assertEquals(256, config.queueLimit());
        assertEquals(1400, config.mru());
        assertEquals(Duration.ofSeconds(1), config.reconnect().initialDelay());
        assertEquals(Duration.ofSeconds(60), config.reconnect().maxDelay());
        assertEquals(null, config.echo().interval());
        assertEquals(3, config.echo().failures());
        assertTrue(config.tls().systemTrust());
        assertEquals("1.2", config.tls().minVersion());
        assertEquals(List.of(), config.tls().pins());
        assertFalse(config.saml().enabled());
        assertEquals(new HostPort("127.0.0.1", 8020), config.saml().listen());
        assertFalse(config.otp().anySource());
    }

    @DisplayName("every field bound explicitly")
    @Test
    void explicitMapping() throws Exception {
        FortiVpnConfig config = bind("""
                "realm": "lab", "username": "alice", "password": {"env": "PW"}, "otp": {"totp": {"env": "TOTP"}},
                "tls": {"pins": ["pin-sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="], "systemTrust": false, "minVersion": "1.3"},
                "connect": "on-demand", "reconnect": {"initialDelay": "500ms", "maxDelay": "2m"}, "queueLimit": 0,
                "mru": 0, "echo": {"interval": "5s", "failures": 2}""");
        assertEquals("lab", config.realm());
        assertTrue(config.otp().anySource());
        assertEquals("1.3", config.tls().minVersion());
        assertEquals(FortiVpnConfig.ConnectMode.ON_DEMAND, config.connect());
        assertEquals(Duration.ofMillis(500), config.reconnect().initialDelay());
        assertEquals(0, config.queueLimit());
        assertEquals(0, config.mru());
        assertEquals(Duration.ofSeconds(5), config.echo().interval());
        assertEquals(2, config.echo().failures());
    }

    @DisplayName("notes §2: cookie, SAML and client certificate alone are login methods")
    @Test
    void otherLoginMethods() throws Exception {
        assertEquals(LoginMethod.COOKIE, bind("\"cookie\": {\"env\": \"COOKIE\"}").loginMethod());
        assertEquals(LoginMethod.COOKIE, bind("\"cookieFromStdin\": true").loginMethod());
        assertEquals(LoginMethod.SAML, bind("\"saml\": {\"enabled\": true, \"listen\": \"127.0.0.1:0\"}").loginMethod());
        assertEquals(LoginMethod.CLIENT_CERTIFICATE,
                bind("\"username\": \"alice\", \"clientCertificate\": {\"certificate\": \"c.p12\"}").loginMethod());
        assertEquals(LoginMethod.PASSWORD, bind("\"username\": \"alice\", \"password\": {\"env\": \"PW\"}, "
                + "\"clientCertificate\": {\"certificate\": \"c.pem\", \"key\": \"k.pem\"}").loginMethod());
    }

    @DisplayName("conflicting login methods name both fields; no method names the choices")
    @Test
    void conflicts() {
        assertTrue(error("\"username\": \"a\", \"password\": {\"env\": \"PW\"}, \"cookie\": {\"env\": \"COOKIE\"}")
                .endsWith("$.backend.cookie: conflicts with password: give exactly one login method (password, cookie, "
                        + "cookieFromStdin, saml, or clientCertificate alone)"));
        assertTrue(error("\"cookie\": {\"env\": \"COOKIE\"}, \"saml\": {\"enabled\": true}")
                .contains("$.backend.saml: conflicts with cookie"));
        assertTrue(error("\"cookie\": {\"env\": \"COOKIE\"}, \"cookieFromStdin\": true")
                .contains("$.backend.cookieFromStdin: conflicts with cookie"));
        assertTrue(error("\"username\": \"a\"").contains("$.backend.password: missing: no login method"));
        assertTrue(error("\"password\": {\"env\": \"PW\"}").contains("$.backend.username: missing, expected the user name"));
        assertTrue(error("\"cookie\": {\"env\": \"COOKIE\"}, \"otp\": {\"prompt\": true}")
                .contains("$.backend.otp: only used with password login"));
        assertTrue(error("\"username\": \"a\", \"password\": {\"env\": \"PW\"}, \"otp\": {\"prompt\": true, \"command\": [\"x\"]}")
                .contains("$.backend.otp.prompt: conflicts with command"));
    }

    @DisplayName("bad values: base32 secret (not echoed), pins, TLS version, MRU, backoff, queue, trust")
    @Test
    void badValues() {
        String login = "\"username\": \"a\", \"password\": {\"env\": \"PW\"}, ";
        assertTrue(error(login + "\"otp\": {\"totp\": {\"env\": \"COOKIE\"}}").contains("$.backend.otp.totp: expected a base32 secret"));
        assertTrue(error(login + "\"tls\": {\"pins\": [\"sha256//abc\"]}")
                .contains("$.backend.tls.pins[0]: expected pin-sha256:<base64 of 32 bytes>"));
        assertTrue(error(login + "\"tls\": {\"minVersion\": \"1.1\"}").contains("$.backend.tls.minVersion: expected \"1.2\" or \"1.3\""));
        assertTrue(error(login + "\"tls\": {\"systemTrust\": false}").contains("$.backend.tls.systemTrust: false leaves no way"));
        assertTrue(error("\"cookie\": \"SVPNCOOKIE=has space; s3cret\"")
                .contains("$.backend.cookie: expected an SVPNCOOKIE value (printable ASCII, no spaces or ';'), got something else from inline"));
        assertTrue(error(login + "\"mru\": 100").contains("$.backend.mru: expected 0 (none) or 576..65529, got 100"));
        assertTrue(error(login + "\"queueLimit\": -1").contains("$.backend.queueLimit: expected 0..65536, got -1"));
        assertTrue(error(login + "\"reconnect\": {\"initialDelay\": \"10s\", \"maxDelay\": \"5s\"}")
                .contains("$.backend.reconnect.maxDelay: expected at least initialDelay"));
        assertTrue(error(login + "\"connect\": \"later\"").contains("$.backend.connect"));
        String typo = error(login + "\"realn\": \"lab\"");
        assertTrue(typo.contains("$.backend.realn: unknown field \"realn\" (did you mean \"realm\"?)"), typo);
        assertFalse(typo.contains("loginMethod"), typo);
        assertTrue(error(login + "\"otp\": {\"code\": \"1\"}")
                .endsWith("$.backend.otp.code: unknown field \"code\"; known fields: command, page, prompt, totp"));
        dev.quetzal.api.config.ConfigValueException port = assertThrows(dev.quetzal.api.config.ConfigValueException.class,
                () -> new FortiVpnConfig(new HostPort("vpn.example.com", 0), null, "a", null, null, null, null, null, null,
                        null, null, null, null, null, null));
        assertEquals("server", port.field());
    }
}
