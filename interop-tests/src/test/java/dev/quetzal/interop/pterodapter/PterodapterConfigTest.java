package dev.quetzal.interop.pterodapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import dev.quetzal.runtime.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quetzal pterodapter} against the real plugins (ikev2, fortivpn, nat64, split-dns on this
 * module's class path) and real PEM files made by {@code quetzal certs}: the config it prints is one
 * {@code quetzal check-config} accepts, and a value the plugins refuse is reported with the
 * pterodapter option that caused it (issue 7 item 3; pterodapter-inventory §2, §5, §6).
 */
@DisplayName("quetzal pterodapter with the real plugins (issue 7 item 3, pterodapter-inventory §2 §5 §6)")
final class PterodapterConfigTest {
    @TempDir
    static Path dir;

    private static Result quetzal(String... args) {
        return CliRun.runIn(dir, args);
    }

    @BeforeAll
    static void pki() {
        Path pki = dir.resolve("pki");
        Result ca = quetzal("certs", "ca", "--out", pki.toString(), "--key", "ecdsa-p256");
        assertEquals(ExitCodes.OK, ca.status(), ca.err());
        Result server = quetzal("certs", "server", "--ca", pki.toString(), "--out", pki.toString(), "--name",
                "vpn.example.com");
        assertEquals(ExitCodes.OK, server.status(), server.err());
    }

    @Test
    @DisplayName("§6: the printed config, written with --write-config, passes check-config as it is")
    void printedConfigPassesCheckConfig() throws Exception {
        Path file = dir.resolve("gateway.json");
        Result printed = quetzal("pterodapter", "--fortivpn=vpn.example.com:443", "--cacert=pki/ca.pem",
                "--cert=pki/vpn.example.com.pem", "--key", "pki/vpn.example.com-key.pem", "--id-hostname=vpn.example.com",
                "--listen-ip=::", "--tunnel-domain=corp.example", "--tunnel-domain=intranet.example",
                "--nat64-prefix=64:ff9b::/96", "--dns64-tunnel-suffix=corp.example", "--write-config=gateway.json",
                "--print-config", "ikev2");
        assertEquals(ExitCodes.OK, printed.status(), printed.err());
        assertEquals(printed.out(), Files.readString(file));
        assertTrue(printed.out().contains("\"clientCa\" : \"" + dir.resolve("pki/ca.pem") + "\""), printed.out());

        Result checked = quetzal("check-config", file.toString());
        assertEquals(ExitCodes.OK, checked.status(), checked.err());
        assertEquals(file + ": OK. backend fortivpn; filters nat64, split-dns; frontends ikev2", checked.out().strip());
    }

    @Test
    @DisplayName("§2, §6: a value the ikev2 plugin refuses is reported with the pterodapter option, exit 2, nothing run")
    void pluginErrorNamesTheOption() {
        Result result = quetzal("pterodapter", "--fortivpn=vpn.example.com:443", "--cacert=pki/ca.pem",
                "--cert=pki/vpn.example.com.pem", "--key=pki/vpn.example.com-key.pem", "--ike-port=4500", "ikev2");
        assertEquals(ExitCodes.BAD_INPUT, result.status(), result.err());
        String last = result.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("quetzal pterodapter: --nat-port: ikePort and natPort are both 4500"), result.err());
        assertTrue(last.endsWith("($.frontends[0].natPort in the config above)"), last);
    }
}
