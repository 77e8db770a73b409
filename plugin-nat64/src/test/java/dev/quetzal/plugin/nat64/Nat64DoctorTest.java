package dev.quetzal.plugin.nat64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quetzal doctor} asks the host's resolver for configured DNS64 suffixes only (issue 9, diagnostics: DNS). */
final class Nat64DoctorTest {
    @TempDir
    Path dir;

    private Result doctor(String dns64) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.json"), """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "test-backend", "server": "127.0.0.1:9"},
                 "filters": [{"type": "nat64", "dns64": %s}],
                 "addressPool": {"ipv4": "100.127.254.0/24"}, "status": {"enabled": false}}
                """.formatted(dns64));
        return CliRun.run("doctor", "--config", file.toString());
    }

    @DisplayName("configured suffixes are looked up; the uplink's default ones are not known yet (issue 9, DNS64 suffixes)")
    @Test
    void suffixes() throws Exception {
        Result configured = doctor("{\"suffixes\": [\"localhost\"]}");
        assertEquals(0, configured.status(), configured.out() + configured.err());
        assertTrue(configured.out().contains("ok    nat64: dns64.suffixes entry localhost resolves to 127.0.0.1\n"),
                configured.out());
        Result defaults = doctor("{}");
        assertEquals(0, defaults.status(), defaults.out() + defaults.err());
        assertTrue(defaults.out().lines().noneMatch(l -> l.contains("nat64")), defaults.out());
    }
}
