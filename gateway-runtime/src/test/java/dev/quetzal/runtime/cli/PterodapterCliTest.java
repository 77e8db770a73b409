package dev.quetzal.runtime.cli;

import static dev.quetzal.runtime.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quetzal pterodapter} as a user meets it (issue 7 item 3; pterodapter-inventory §6): JSON on
 * standard output, notes on standard error, exit statuses as the other commands. Plugins come from
 * this module's test class path, which has no ikev2 or fortivpn: the checked-and-run path stops at
 * the config check.
 */
@DisplayName("quetzal pterodapter (issue 7 item 3, pterodapter-inventory §6)")
final class PterodapterCliTest {
    private static final String[] REQUIRED = {"--fortivpn=vpn.example.com:443", "--cacert=/pki/ca.pem",
        "--cert=/pki/vpn.pem", "--key=/pki/vpn-key.pem"};

    private static String[] with(String... more) {
        List<String> args = new ArrayList<>(List.of("pterodapter"));
        args.addAll(List.of(REQUIRED));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("§6: --print-config prints the JSON config and notes, exit 0, nothing started")
    void printConfig() throws IOException {
        Result result = run(with("--print-config", "--tunnel-domain=corp.example", "ikev2"));
        assertEquals(ExitCodes.OK, result.status(), result.err());
        JsonNode config = new ObjectMapper().readTree(result.out());
        assertEquals("ikev2", config.get("frontends").get(0).get("type").asText());
        assertEquals("::", config.get("frontends").get(0).get("listenAddress").asText());
        assertEquals("vpn.example.com:443", config.get("backend").get("server").asText());
        assertEquals("corp.example", config.get("filters").get(0).get("tunnelDomains").get(0).asText());
        assertTrue(result.errLines().stream().allMatch(line -> line.startsWith("note: ")), result.err());
        assertTrue(result.err().contains("note: pterodapter hands every client the FortiVPN address itself"),
                result.err());
    }

    @Test
    @DisplayName("§6: --write-config writes the same JSON that is printed")
    void writeConfig(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gateway.json");
        Result result = run(with("--write-config", file.toString(), "--print-config", "ikev2"));
        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertEquals(result.out(), Files.readString(file));
    }

    @Test
    @DisplayName("§6: help prints the usage, exit 0")
    void help() {
        Result result = run("pterodapter", "help");
        assertEquals(ExitCodes.OK, result.status());
        assertTrue(result.out().startsWith("Usage: quetzal pterodapter [OPTION=VALUE]... ikev2"), result.out());
        assertTrue(result.out().contains("--fortivpn=HOST:PORT"), result.out());
    }

    @Test
    @DisplayName("§6: a usage error is named on standard error with a pointer to help, exit 2, nothing printed")
    void usageError() {
        Result result = run(with("--ike-prot=500", "ikev2"));
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals("quetzal pterodapter: unknown option --ike-prot (did you mean --ike-port?)",
                result.errLines().getFirst());
        assertEquals("Run `quetzal pterodapter help` for the options.", result.errLines().get(1));
        assertEquals("", result.out());
    }

    @Test
    @DisplayName("§6: a bad global --log-level before pterodapter is refused with exit 2, not ignored")
    void badGlobalLogLevel() {
        Result result = run("--log-level=loud", "pterodapter", "help");
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals("--log-level: expected error, warn, info, debug or trace, got \"loud\"", result.errLines().getFirst());
        assertEquals("", result.out());
    }

    @Test
    @DisplayName("§1: l2gateway is refused with exit 2")
    void l2gateway() {
        Result result = run("pterodapter", "--listen-interface=eth0", "--nat64-prefix=64:ff9b::/96", "l2gateway");
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertTrue(result.errLines().getFirst().startsWith("quetzal pterodapter: Quetzal does not offer pterodapter's"
                + " l2gateway mode"), result.err());
    }

    @Test
    @DisplayName("§1: --pcap without the pcap plugin: exit 2 and no config printed")
    void pcapWithoutPlugin() {
        Result result = run(with("--pcap=capture.pcap", "--print-config", "ikev2"));
        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertTrue(result.errLines().getFirst().startsWith("quetzal pterodapter: --pcap: no plugin of this installation"),
                result.err());
        assertEquals("", result.out());
    }

    @Test
    @DisplayName("§6: without --print-config the PEM files must be readable; the error names the option, exit 2")
    void unreadablePemFile() {
        Result result = run(with("ikev2"));
        assertEquals(ExitCodes.BAD_INPUT, result.status(), result.err());
        assertEquals("quetzal pterodapter: --cert: cannot read /pki/vpn.pem (no such file)", result.errLines().getLast());
    }

    @Test
    @DisplayName("issue 7 item 3: without --print-config the config is checked as check-config does; a type no plugin"
            + " offers stops it with exit 2 before anything starts")
    void checkedBeforeRunning(@TempDir Path dir) throws IOException {
        for (String name : List.of("ca.pem", "vpn.pem", "vpn-key.pem")) {
            Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n");
        }
        Result result = run("pterodapter", "--fortivpn=vpn.example.com:443", "--cacert=" + dir.resolve("ca.pem"),
                "--cert=" + dir.resolve("vpn.pem"), "--key=" + dir.resolve("vpn-key.pem"), "ikev2");
        assertEquals(ExitCodes.BAD_INPUT, result.status(), result.err());
        String last = result.errLines().getLast();
        assertTrue(last.contains("$.frontends[0].type: unknown frontend type \"ikev2\""), result.err());
        assertFalse(result.out().isEmpty());
    }
}
