package dev.quetzal.plugin.ikev2.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.PluginCommandContext;
import dev.quetzal.runtime.cli.QuetzalCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quetzal certs} as users run it: the runtime discovers the ikev2 plugin on the class path, lists
 * the command, and hands it the arguments (plugin command SPI, API 1.1).
 */
final class CertsThroughQuetzalTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private Result quetzal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PluginCommandContext context = new PluginCommandContext(new PrintWriter(out, true), new PrintWriter(err, true),
                InputStream.nullInputStream(), dir, Map.of(), Optional.empty());
        return new Result(QuetzalCommand.execute(args, context), out.toString(), err.toString());
    }

    @Test
    @DisplayName("quetzal --help lists certs; quetzal certs ca and server write their files in the working directory")
    void runsThroughTheRuntime() {
        String help = quetzal("--help").out();
        assertTrue(help.contains("  certs ") && help.contains("Create a CA, IKEv2 server certificates"), help);

        Result ca = quetzal("certs", "ca", "--out", "pki");
        assertEquals(0, ca.status(), ca.err());
        Result server = quetzal("certs", "server", "--ca", "pki", "--out", "pki", "--name", "vpn.example.com");
        assertEquals(0, server.status(), server.err());
        assertTrue(Files.isRegularFile(dir.resolve("pki/vpn.example.com.pem")));

        Result again = quetzal("certs", "ca", "--out", "pki");
        assertEquals(1, again.status());
        assertTrue(again.err().startsWith("certs: refusing to overwrite "), again.err());
        assertEquals(2, quetzal("certs", "server").status());
    }
}
