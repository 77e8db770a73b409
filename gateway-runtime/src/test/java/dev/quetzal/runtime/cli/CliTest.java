package dev.quetzal.runtime.cli;

import static dev.quetzal.runtime.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quetzal command as a user meets it: each bad config is one line naming the file and the JSON
 * path (RFC 9535 §2.2 root "$" and child segments), exit status 2, no stack trace unless
 * {@code --log-level=debug}. Plugins come from this module's test class path.
 */
final class CliTest {
    private static Path resource(String name) {
        try {
            return Path.of(CliTest.class.getResource("/cli/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown-field.json           | $.backend.sever: unknown field \"sever\"",
        "wrong-type.json              | $.frontends[0].count: expected an integer",
        "missing-required.json        | $.backend.server: missing required field",
        "bad-prefix.json              | $.filters[0].prefix: expected a prefix without host bits, got 10.1.2.3/16",
        "bad-host-port.json           | $.backend.server: expected host:port, got \"vpn\"",
        "unknown-type.json            | $.backend.type: unknown backend type \"fortigatez\"",
        "duplicate-names.json         | $.filters[1]: duplicate component name \"test-filter\"",
        "missing-secret-variable.json | $.backend.password: environment variable QUETZAL_TEST_SURELY_UNSET_VARIABLE is not set",
        "missing-secret-file.json     | $.backend.password: cannot read secret file",
        "invalid-json.json            | line 4, column ",
        "frontends-not-a-list.json    | $.frontends: expected a list",
        "bad-pool-prefix.json         | $.addressPool.ipv4: expected",
        "bad-duration.json            | $.shutdownTimeout: expected a duration like 30s, got \"soon\"",
    })
    void badConfigIsOneLineWithFileAndPath(String file, String expected) {
        Path config = resource("bad/" + file);
        Result result = run("check-config", config.toString());
        assertEquals(ExitCodes.BAD_INPUT, result.status(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        String line = result.errLines().getFirst();
        assertTrue(line.startsWith(config + ": " + expected), line);
        assertFalse(line.contains("Exception"), line);
        assertEquals("", result.out());
    }

    @Test
    void unreadableConfigFile() {
        Result result = run("check-config", "/nonexistent/quetzal/gateway.json");
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals(List.of("/nonexistent/quetzal/gateway.json: cannot read file: no such file"), result.errLines());
    }

    @Test
    void debugLevelAddsTheStackTrace() {
        Result result = run("--log-level=debug", "check-config", resource("bad/bad-host-port.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertTrue(result.errLines().size() > 1, result.err());
        assertTrue(result.err().contains("\tat "), result.err());
    }

    @Test
    void goodConfigSummarizesItsComponents() {
        Result result = run("check-config", resource("good.json").toString());
        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertTrue(result.out().contains(": OK. backend test-backend; filters test-filter; frontends test-frontend"), result.out());
    }

    @Test
    void listsPluginsWithTheirConfigFields() {
        Result result = run("plugins");
        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertTrue(result.out().contains("frontend \"test-frontend\""), result.out());
        assertTrue(result.out().contains("listen  HostPort  (required)  where clients connect"), result.out());
        assertTrue(result.out().contains("filter \"test-filter\""), result.out());
    }

    @Test
    void rejectsAnUnknownLogLevel() {
        Result result = run("--log-level=loud", "plugins");
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals(List.of("--log-level: expected error, warn, info, debug or trace, got \"loud\""), result.errLines());
    }

    @Test
    void versionNamesReleaseApiAndJava() {
        Result result = run("version");
        assertEquals(ExitCodes.OK, result.status());
        assertTrue(result.out().matches("quetzal \\S+ \\(plugin API " + Pattern.quote(ApiVersion.CURRENT.toString())
                + "\\), Java 25.*\\R"), result.out());
        assertTrue(ApiVersion.CURRENT.toString().matches("\\d+\\.\\d+"), ApiVersion.CURRENT::toString);
    }

    @Test
    void helpEverywhere() {
        for (String command : List.of("run", "check-config", "plugins", "routes", "version", "service", "pf", "nftables")) {
            Result result = run(command, "--help");
            assertEquals(ExitCodes.OK, result.status(), command);
            assertTrue(result.out().startsWith("Usage: quetzal " + command), result.out());
        }
        assertTrue(run("--help").out().contains("check-config"));
    }

    @Test
    void usageErrorIsStatus2() {
        assertEquals(ExitCodes.BAD_INPUT, run("check-config").status());
        assertEquals(ExitCodes.BAD_INPUT, run("no-such-command").status());
    }
}
