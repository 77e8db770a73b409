package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a config file is rejected, one fixture each: {@code config/bad/NAME.json} must fail to
 * load with exactly the one line in {@code NAME.expected}, where {@code {dir}} stands for the
 * fixture folder. {@code missing-config-file} has no JSON file on purpose.
 *
 * <p>Syntax fixtures follow RFC 8259 (JSON): a missing value separator (§2), an unterminated object
 * (§4), duplicate member names (§4 leaves them to the implementation; Quetzal refuses them) and text
 * after the single top-level value (§2). Prefix fixtures follow RFC 4632 §3.1 CIDR notation, where
 * the address must have no bits set past the prefix length.
 */
final class BadConfigFixturesTest {
    private static final Path FOLDER = folder();

    // The environment has no FORTI_PASSWORD, so {"env": "FORTI_PASSWORD"} is unset.
    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of("HOME", "/home/test"));

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".expected"))
                    .map(name -> name.substring(0, name.length() - ".expected".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rejectsWithExactMessage(String fixture) throws IOException {
        Path file = FOLDER.resolve(fixture + ".json");

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

        assertEquals(expected(fixture), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(file, e.file());
        assertEquals(e.getMessage(), file + ": " + (e.jsonPath() == null ? "" : e.jsonPath() + ": ") + e.problem());
    }

    @Test
    void coversEveryRequiredRejection() throws IOException {
        List<String> present = fixtures().toList();
        List<String> required = List.of("unknown-field", "wrong-type", "string-for-int", "missing-required-field",
                "prefix-host-bits", "bad-host-port", "unknown-plugin-type", "duplicate-names", "missing-secret-env",
                "unreadable-secret-file", "missing-config-file", "invalid-json", "duplicate-json-key", "no-frontends",
                "missing-backend", "bad-duration", "config-value-exception", "bad-component-name");

        assertTrue(present.containsAll(required), () -> "missing fixtures: "
                + required.stream().filter(name -> !present.contains(name)).toList());
    }

    @Test
    void reportsFileLevelProblemsWithoutJsonPath() {
        Path file = FOLDER.resolve("invalid-json.json");

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

        assertNull(e.jsonPath());
        assertTrue(e.problem().startsWith("line 4, column 3: invalid JSON: "), e.problem());
    }

    @Test
    void reportsTheFileNameAsGiven() {
        Path relative = Path.of("no-such-folder", "gateway.json");

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(relative));

        assertEquals("no-such-folder/gateway.json: cannot read file: no such file", e.getMessage());
    }

    private static String expected(String fixture) throws IOException {
        String text = Files.readString(FOLDER.resolve(fixture + ".expected"), StandardCharsets.UTF_8).strip();
        return text.replace("{dir}", FOLDER.toString());
    }

    private static Path folder() {
        try {
            return Path.of(BadConfigFixturesTest.class.getResource("/config/bad").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
