package dev.quetzal.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command as its own process: SIGTERM stops it in order with exit status 0. */
final class EmulatorProcessTest {
    @Test
    // A separate thread: a blocking read of the child's output cannot be interrupted.
    @Timeout(value = 40, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("fortigate-emulator prints its facts, then SIGTERM ends it with exit 0")
    void sigtermExitsZero() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName(), "--listen", "127.0.0.1:0", "--user", "alice:secret")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            while (lines.size() < 4) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).startsWith("url: https://127.0.0.1:"), lines.get(0));
            assertEquals("users: alice", lines.get(2));
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
