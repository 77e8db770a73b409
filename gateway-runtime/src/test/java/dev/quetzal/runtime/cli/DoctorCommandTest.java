package dev.quetzal.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quetzal doctor} with the runtime's own checks; plugins come from this module's test class path. */
final class DoctorCommandTest {
    @TempDir
    Path directory;

    private Path config(String status) throws IOException {
        Path file = directory.resolve("gateway.json");
        Files.writeString(file, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "test-backend", "server": "127.0.0.1:9"},
                 "addressPool": {"ipv4": "100.127.254.0/24"},
                 "status": %s}
                """.formatted(status));
        return file;
    }

    @DisplayName("a good config: every line ok, exit 0 (issue 9, diagnostics)")
    @Test
    void goodConfig() throws IOException {
        Result result = CliRun.run("doctor", "--config", config("{\"listen\": \"127.0.0.1:0\"}").toString());
        assertEquals(ExitCodes.OK, result.status(), result.out() + result.err());
        assertTrue(result.out().lines().filter(l -> !l.contains(" ok, ")).allMatch(l -> l.startsWith("ok ")), result.out());
        assertTrue(result.out().contains("status: TCP 127.0.0.1:0 (status.listen): any free port"), result.out());
        assertTrue(result.out().contains("addressPool: addressPool.ipv4 100.127.254.0/24 overlaps no network"), result.out());
        assertTrue(result.out().endsWith(" 0 warn, 0 fail\n"), result.out());
    }

    @DisplayName("the status port in use: fail naming the port and the fix, exit 1 (issue 9, diagnostics: ports free)")
    @Test
    void statusPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Result result = CliRun.run("doctor", "--config",
                    config("{\"listen\": \"127.0.0.1:" + port + "\"}").toString());
            assertEquals(ExitCodes.FAILURE, result.status(), result.out());
            assertTrue(result.out().contains("fail  status: TCP 127.0.0.1:" + port
                    + " (status.listen) is in use by another program -> stop that program"), result.out());
            assertTrue(result.out().contains("or choose another status.listen"), result.out());
        }
    }

    @DisplayName("a config error is itself a finding with the file and JSON path (issue 9, diagnostics)")
    @Test
    void configErrorIsAFinding() throws IOException {
        Path file = config("{\"listen\": \"127.0.0.1:0\"}");
        Files.writeString(file, Files.readString(file).replace("\"status\"", "\"napt\": {\"enabled\": \"yes\"}, \"status\""));
        Result result = CliRun.run("doctor", "--config", file.toString());
        assertEquals(ExitCodes.FAILURE, result.status(), result.out());
        assertTrue(result.out().startsWith("fail  config: " + file + ": $.napt.enabled: expected true or false"),
                result.out());
        assertTrue(result.out().contains("-> fix that field"), result.out());
    }

    @DisplayName("--json: the same findings for scripts (issue 9, diagnostics)")
    @Test
    void json() throws IOException {
        Result result = CliRun.run("doctor", "--config", config("{\"enabled\": false}").toString(), "--json");
        assertEquals(ExitCodes.OK, result.status(), result.out() + result.err());
        JsonNode root = new ObjectMapper().readTree(result.out());
        assertEquals(0, root.get("fail").asInt());
        assertFalse(root.get("findings").isEmpty());
        JsonNode first = root.get("findings").get(0);
        assertEquals("ok", first.get("severity").asText());
        assertEquals("config", first.get("subject").asText());
    }
}
