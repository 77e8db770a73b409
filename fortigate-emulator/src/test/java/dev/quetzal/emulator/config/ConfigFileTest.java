package dev.quetzal.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The emulator's JSON config: defaults, full mapping, and one-line errors with the JSON path. */
final class ConfigFileTest {
    @TempDir
    Path folder;

    private Path write(String json) throws Exception {
        Path file = folder.resolve("emulator.json");
        Files.writeString(file, json);
        return file;
    }

    private EmulatorConfig load(String json) throws Exception {
        return ConfigFile.load(write(json), Map.of("BOB_PW", "from-env"));
    }

    @Test
    @DisplayName("an empty object gives the builder's defaults")
    void defaults() throws Exception {
        EmulatorConfig config = load("{}");
        EmulatorConfig built = EmulatorConfig.builder().build();
        assertEquals(built.listen(), config.listen());
        assertEquals(built.tunnel(), config.tunnel());
        assertEquals(built.saml(), config.saml());
        assertEquals(built.network(), config.network());
        assertTrue(config.saml().enabled());
        assertTrue(config.tunnel().tunConnectWithoutReauth());
        assertEquals("corp.example", config.tunnel().dnsSuffix());
        assertEquals(Duration.ofSeconds(10), config.tunnel().heartbeatInterval());
        assertEquals(NetworkMode.IN_PROCESS, config.network().mode());
    }

    @Test
    @DisplayName("a tunnel section that leaves out serverMru and tunConnectWithoutReauth gets their defaults")
    void partialTunnelSection() throws Exception {
        EmulatorConfig config = load("{\"tunnel\": {\"dnsSuffix\": \"lab.example\"}}");
        assertEquals("lab.example", config.tunnel().dnsSuffix());
        assertEquals(0, config.tunnel().serverMru());
        assertTrue(config.tunnel().tunConnectWithoutReauth());
    }

    @Test
    @DisplayName("the shipped example src/main/config/emulator.json loads")
    void shippedExample() throws Exception {
        Path example = Path.of("src/main/config/emulator.json");
        EmulatorConfig config = ConfigFile.load(example, Map.of("EMULATOR_BOB_PASSWORD", "pw"));
        assertEquals(10443, config.listen().port());
        assertEquals(3, config.users().size());
        assertEquals(SecondFactor.TOKENINFO, config.user("bob").secondFactor());
        assertEquals(Duration.ofSeconds(2), config.user("carol").ftmPushDelay());
        assertEquals(5, config.network().zone().records().size());
        assertEquals(ZoneRecord.DEFAULT_TTL, config.network().zone().records().getFirst().ttl());
        assertEquals(Duration.ofSeconds(30), config.network().zone().records().get(3).ttl());
    }

    @Test
    @DisplayName("every section maps: users with env secrets, realms, tunnel, IPv6, network, certificate users")
    void fullMapping() throws Exception {
        Files.writeString(folder.resolve("ca.pem"), "unused");
        EmulatorConfig config = load("""
                {"listen": "127.0.0.1:4443",
                 "tls": {"clientAuth": "REQUEST", "clientCa": "ca.pem", "protocols": ["TLSv1.3"]},
                 "users": [{"username": "bob", "password": {"env": "BOB_PW"}, "realm": "staff"},
                           {"username": "carol"}],
                 "certificateUsers": {"carol-laptop": "carol"},
                 "realms": ["staff"],
                 "saml": {"callbackUrl": "http://127.0.0.1:9/?id=%s"},
                 "tunnel": {"addressPool": "10.9.0.0/24", "splitExclude": ["10.9.9.0/24"],
                            "ipv6": {"prefix": "2001:db8:9::/64"}, "sessionLifetime": "PT30M", "serverMru": 1400,
                            "tunConnectWithoutReauth": false},
                 "network": {"mode": "tun", "tunDevice": "emu1"}}
                """);
        assertEquals(4443, config.listen().port());
        assertEquals(folder.resolve("ca.pem"), config.tls().clientCa());
        assertEquals("from-env", config.user("bob").password().reveal());
        assertEquals("env BOB_PW", config.user("bob").password().origin());
        assertNull(config.user("carol").password());
        assertEquals("carol", config.certificateUsers().get("carol-laptop"));
        assertTrue(config.saml().enabled());
        assertEquals(IpPrefix.parse("10.9.0.0/24"), config.tunnel().addressPool());
        assertTrue(config.tunnel().ipv6().enabled(), "an ipv6 section turns IPv6 on");
        assertEquals(Duration.ofMinutes(30), config.tunnel().sessionLifetime());
        assertEquals(1400, config.tunnel().serverMru());
        assertFalse(config.tunnel().tunConnectWithoutReauth());
        assertEquals("corp.example", config.tunnel().dnsSuffix());
        assertEquals(NetworkMode.TUN, config.network().mode());
        assertEquals("emu1", config.network().tunDevice());
    }

    @ParameterizedTest(name = "{1}")
    @DisplayName("mistakes give the file, the JSON path and what was expected")
    @CsvSource(delimiter = '|', value = {
        "{\"listen\": \"nowhere\"}|$.listen|expected host:port",
        "{\"lisen\": \"127.0.0.1:1\"}|$.lisen|unknown field \"lisen\"; known fields: certificateUsers, listen, network,",
        "{\"tunnel\": {\"addressPool\": \"10.0.0.1/24\"}}|$.tunnel.addressPool|did you mean 10.0.0.0/24",
        "{\"tunnel\": {\"dnsServers\": [\"198.18.0.1\", \"fe80::1\"]}}|$.tunnel.dnsServers[1]|expected an IPv4 address",
        "{\"tunnel\": {\"heartbeatInterval\": \"10 seconds\"}}|$.tunnel.heartbeatInterval|expected a duration",
        "{\"tunnel\": {\"serverMru\": 10}}|$.tunnel|serverMru",
        "{\"users\": [{\"username\": \"a\", \"secondFactor\": \"SMS\"}]}|$.users[0].secondFactor|expected one of NONE TOKENINFO HTML FTM_PUSH",
        "{\"users\": [{\"username\": \"a\", \"password\": {\"env\": \"NOPE\"}}]}|$.users[0].password|NOPE is not set",
        "{\"users\": [{\"username\": \"a\", \"secondFactor\": \"TOKENINFO\"}]}|$.users[0]|needs a totpSecret",
        "{\"network\": {\"mode\": \"wifi\"}}|$.network.mode|expected \"in-process\" or \"tun\"",
        "{\"network\": {\"zone\": {\"origin\": \"x.test\", \"records\": [{\"name\": \"a\", \"type\": \"A\", \"value\": \"198.18.0.1\", \"ttl\": \"1500ms\"}]}}}|$.network.zone.records[0]|expected a ttl of whole seconds",
        "{\"tls\": {\"clientAuth\": \"REQUIRE\"}}|$.tls|needs clientCa",
        "[1, 2]|$|expected a JSON object",
        "{\"listen\": |$|not valid JSON"
    })
    void errors(String json, String path, String expected) throws Exception {
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> load(json));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertTrue(e.getMessage().startsWith("emulator.json: " + path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    @DisplayName("a missing file is one clear line; secrets never show in toString")
    void missingFileAndRedaction() throws Exception {
        ConfigFileException e = assertThrows(ConfigFileException.class,
                () -> ConfigFile.load(folder.resolve("absent.json"), Map.of()));
        assertEquals("absent.json: $: no such file", e.getMessage());
        EmulatorConfig config = load("{\"users\": [{\"username\": \"bob\", \"password\": \"hunter2\", \"secondFactor\": "
                + "\"TOKENINFO\", \"totpSecret\": \"JBSWY3DPEHPK3PXP\"}]}");
        assertFalse(config.toString().contains("hunter2"));
        assertFalse(config.toString().contains("JBSWY3DPEHPK3PXP"));
    }
}
