package dev.quetzal.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.CliRun.Result;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code quetzal demo} as the runtime sees it: listed, and loaded only from an installation's lib/demo/. */
final class DemoCommandTest {
    @Test
    @DisplayName("issue 7 item 2: quetzal --help lists demo")
    void listed() {
        Result help = CliRun.run("--help");
        assertTrue(Pattern.compile("(?m)^\\s+demo\\s+Start the FortiGate emulator").matcher(help.out()).find(),
                help.out());
    }

    @Test
    @DisplayName("issue 7 item 2: outside an installation the demo is not there; status 2 and one line saying so")
    void missingOutsideAnInstallation() {
        Result result = CliRun.run("demo", "--once");
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("demo: not installed: no jars in lib/demo/"), result.err());
    }
}
