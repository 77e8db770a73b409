package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quetzal doctor} asks the host's resolver for each tunnel domain (issue 9, diagnostics: DNS). */
final class SplitDnsDoctorTest {
    @TempDir
    Path dir;

    @DisplayName("each tunnel domain gets a line; localhost resolves from the hosts file (issue 9, DNS for tunnel domains)")
    @Test
    void tunnelDomainsAreLookedUp() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.json"), """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "test-backend", "server": "127.0.0.1:9"},
                 "filters": [{"type": "split-dns", "tunnelDomains": ["localhost"]}],
                 "addressPool": {"ipv4": "100.127.254.0/24"}, "status": {"enabled": false}}
                """);
        Result result = CliRun.run("doctor", "--config", file.toString());
        assertEquals(0, result.status(), result.out() + result.err());
        assertEquals(List.of("ok    split-dns: tunnelDomains entry localhost resolves to 127.0.0.1"),
                result.out().lines().filter(l -> l.contains("split-dns")).toList(), result.out());
    }
}
