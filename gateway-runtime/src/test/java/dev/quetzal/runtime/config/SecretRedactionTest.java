package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret's value must never reach a message or a log line: not in a loaded config's {@code
 * toString}, and not in any {@link ConfigException}, even when the secret sits right next to the
 * mistake or is itself the mistake.
 */
final class SecretRedactionTest {
    private static final String ENV_VALUE = "Env-Secret-7f3a";
    private static final String FILE_VALUE = "File-Secret-91c2";
    private static final String INLINE_VALUE = "Inline-Secret-0d5e";
    private static final List<String> VALUES = List.of(ENV_VALUE, FILE_VALUE, INLINE_VALUE);

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of("FORTI_PASSWORD", ENV_VALUE));

    @BeforeEach
    void writeSecretFile() throws IOException {
        Files.writeString(dir.resolve("psk.txt"), FILE_VALUE + "\n");
    }

    @Test
    void loadedConfigPrintsOriginsNotValues() throws IOException, ConfigException {
        LoadedConfig config = loader.load(write("""
                "frontends": [
                  { "type": "ikev2", "name": "a", "listen": "127.0.0.1:4500", "psk": { "file": "psk.txt" } },
                  { "type": "ikev2", "name": "b", "listen": "127.0.0.1:4501", "psk": "%s" }
                ],
                "backend": { "type": "fortivpn", "server": "vpn.example.com:443", "password": { "env": "FORTI_PASSWORD" } }
                """.formatted(INLINE_VALUE)));

        String printed = config.toString() + config.components() + config.backend().config();

        assertClean(printed);
        assertTrue(printed.contains("Secret[env FORTI_PASSWORD, redacted]"), printed);
        assertTrue(printed.contains("Secret[inline, redacted]"), printed);
        assertTrue(printed.contains("Secret[file " + dir.resolve("psk.txt") + ", redacted]"), printed);
    }

    /** Each case binds all three secrets, then fails on something else nearby. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\"mtu\": \"%s\"",
            "\"mtu\": 1",
            "\"sever\": \"x\"",
            "\"dns\": \"%s\"",
            "\"username\": [\"%s\"]",
            "\"reconnectDelay\": \"%s\"",
            "\"server\": \"%s\"",
    })
    void failuresNextToSecretsShowNoSecret(String mistake) throws IOException {
        Path file = write("""
                "frontends": [
                  { "type": "ikev2", "name": "a", "listen": "127.0.0.1:4500", "psk": { "file": "psk.txt" } },
                  { "type": "ikev2", "name": "b", "listen": "127.0.0.1:4501", "psk": "%s" }
                ],
                "backend": { "type": "fortivpn", "server": "vpn.example.com:443",
                             "password": { "env": "FORTI_PASSWORD" }, %s }
                """.formatted(INLINE_VALUE, mistake.formatted("not-a-secret")));

        assertRejectedCleanly(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31415926", "true", "[\"" + INLINE_VALUE + "\"]", "{\"value\": \"" + INLINE_VALUE + "\"}"})
    void secretInTheWrongShapeIsNotEchoed(String password) throws IOException {
        Path file = write("""
                "frontends": [ { "type": "ikev2", "listen": "127.0.0.1:4500" } ],
                "backend": { "type": "fortivpn", "server": "vpn.example.com:443", "password": %s }
                """.formatted(password));

        ConfigException e = assertRejectedCleanly(file);

        assertFalse(e.getMessage().contains("31415926"), e.getMessage());
    }

    @Test
    void unreadableSecretFileContentIsNotEchoed() throws IOException {
        Files.write(dir.resolve("latin1.txt"), new byte[] {'p', 'w', (byte) 0xE9, 'x'});
        Path file = write("""
                "frontends": [ { "type": "ikev2", "listen": "127.0.0.1:4500", "psk": { "file": "latin1.txt" } } ],
                "backend": { "type": "raw-udp" }
                """);

        ConfigException e = assertRejectedCleanly(file);

        assertFalse(e.getMessage().contains("pw"), e.getMessage());
        assertTrue(e.getMessage().endsWith("cannot read secret file " + dir.resolve("latin1.txt") + ": not UTF-8 text"),
                e.getMessage());
    }

    @Test
    void syntaxErrorAfterAnInlineSecretShowsNoSecret() throws IOException {
        Path file = write("""
                "frontends": [ { "type": "ikev2", "listen": "127.0.0.1:4500", "psk": "%s" "mode": "main" } ],
                "backend": { "type": "raw-udp" }
                """.formatted(INLINE_VALUE));

        assertRejectedCleanly(file);
    }

    @Test
    void duplicateNameAfterSecretsShowsNoSecret() throws IOException {
        Path file = write("""
                "frontends": [
                  { "type": "ikev2", "listen": "127.0.0.1:4500", "psk": "%s" },
                  { "type": "ikev2", "listen": "127.0.0.1:4501", "psk": { "env": "FORTI_PASSWORD" } }
                ],
                "backend": { "type": "raw-udp" }
                """.formatted(INLINE_VALUE));

        assertRejectedCleanly(file);
    }

    private ConfigException assertRejectedCleanly(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
        assertClean(e.getMessage());
        assertClean(e.toString());
        // A cause would carry Jackson's own message, which quotes values.
        assertNull(e.getCause());
        return e;
    }

    private static void assertClean(String text) {
        for (String value : VALUES) {
            assertFalse(text.contains(value), () -> "secret value in: " + text);
        }
    }

    private Path write(String body) throws IOException {
        return Files.writeString(dir.resolve("gateway.json"), "{\n" + body + "}\n");
    }
}
