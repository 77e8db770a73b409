package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin built against API 1.3, before ComponentFactory.diagnose, under quetzal doctor. */
final class OldPluginDoctorTest {
    @TempDir
    Path dir;

    @DisplayName("an API 1.3 plugin loads and contributes no findings; doctor still passes (issue 9, diagnostics)")
    @Test
    void oldPluginKeepsWorking() throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPlugins.filter("com.example.old.OldPlugin", "old-filter").jar().apiVersion("1.3")
                .write(plugins.resolve("old/old.jar"));
        Path config = dir.resolve("gateway.json");
        Files.writeString(config, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "test-backend", "server": "127.0.0.1:9"},
                 "filters": [{"type": "old-filter"}],
                 "addressPool": {"ipv4": "100.127.254.0/24"},
                 "status": {"enabled": false}}
                """);
        Result result = CliRun.run("--plugins", plugins.toString(), "doctor", "--config", config.toString());
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().contains("ok    config: " + config + " is valid"), result.out());
        assertTrue(result.out().lines().noneMatch(l -> l.contains("old-filter")), result.out());
    }
}
