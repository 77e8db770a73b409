package dev.quetzal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.PluginCommandContext;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo in this JVM with {@code --once} (issue 7 item 2): emulator, gateway with the ikev2, nat64,
 * split-dns and fortivpn plugins (from the class path here; from plugins/ in an installation), the IKEv2 client, and
 * each step through the chain.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class DemoComponentTest {
    @TempDir
    Path folder;

    @Test
    @DisplayName("issue 7 item 2, RFC 6147 §5.1.7, RFC 7915, RFC 9293: quetzal demo --once resolves intranet.corp.example"
            + " through DNS64, pings it and fetches its page through the gateway, prints how to connect a device, stops"
            + " with status 0; later runs keep the certificates, and --listen gets a gateway certificate naming it")
    void wholeDemoOnce() throws Exception {
        String first = runOnce(0);
        assertTrue(first.contains("certificates made with quetzal certs"), first);
        assertTrue(first.matches("(?s).*\\] IKE_AUTH done as demo@quetzal\\.test: inner addresses 100\\.64\\.0\\.\\d+,"
                + " fd51:7e7a:de00::\\S+, DNS 198\\.18\\.0\\.53, .*"), first);
        assertTrue(first.contains("] DNS intranet.corp.example AAAA via 198.18.0.53: 64:ff9b:1::c612:a (DNS64 from its A"
                + " record 198.18.0.10"), first);
        assertTrue(first.contains("] ping 64:ff9b:1::c612:a: echo reply in "), first);
        assertTrue(first.contains("] GET http://intranet.corp.example/: HTTP/1.1 200 OK, "), first);
        assertTrue(first.contains("title \"Quetzal corporate intranet\""), first);
        assertTrue(first.contains(QuetzalDemo.REAL_DEVICE), first);
        assertTrue(first.contains("CA certificate   " + folder.resolve("demo/pki/ca/ca.pem")), first);
        assertTrue(first.contains("] stopped\n") || first.contains("] stopped" + System.lineSeparator()), first);
        assertTrue(!first.contains("FAILED"), first);
        String config = Files.readString(folder.resolve("demo/gateway.json"));
        assertTrue(config.contains("\"env\": \"" + DemoConfig.PASSWORD_VARIABLE + "\""), config);
        assertTrue(Files.isRegularFile(folder.resolve("demo/pki/client/demo@quetzal.test.p12")));

        String second = runOnce(0, "--listen", "127.0.0.2");
        assertTrue(second.contains("CA and client certificate kept, new gateway certificate naming 127.0.0.2"), second);
        assertTrue(second.contains(": ikev2 on 127.0.0.2:"), second);
        assertTrue(second.contains("it also names 127.0.0.1 and 127.0.0.2"), second);
        assertTrue(second.contains("] GET http://intranet.corp.example/: HTTP/1.1 200 OK, "), second);

        String third = runOnce(0, "--listen", "127.0.0.2");
        assertTrue(third.contains("certificates from the last run kept"), third);
    }

    @Test
    @DisplayName("quetzal demo --help prints the options; an unknown option is status 2 with one line")
    void helpAndMistakes() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, new QuetzalDemo().run(List.of("--help"), context(out, err), null, new CompletableFuture<>()));
        assertTrue(out.toString().contains("--listen ADDRESS"), out.toString());
        assertEquals(2, new QuetzalDemo().run(List.of("--bogus"), context(out, err), null, new CompletableFuture<>()));
        assertTrue(err.toString().startsWith("demo: unknown option \"--bogus\""), err.toString());
    }

    @Test
    @DisplayName("a step that cannot be done is one FAILED line, everything started is stopped, status 1")
    void failureIsOneLineAndStatus1() throws Exception {
        Files.writeString(folder.resolve("taken"), "a file, not a folder");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new QuetzalDemo().run(List.of("--once", "--dir", "taken"), context(out, err), null,
                new CompletableFuture<>());
        assertEquals(1, status, out.toString());
        assertTrue(out.toString().contains("] FAILED: the demo could not go on: "), out.toString());
        assertTrue(out.toString().contains("] stopped"), out.toString());
    }

    private String runOnce(int expected, String... more) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("--once", "--dir", "demo"));
        args.addAll(List.of(more));
        int status = new QuetzalDemo().run(args, context(out, err), null, new CompletableFuture<>());
        assertEquals(expected, status, out + "\n" + err);
        return out.toString();
    }

    private PluginCommandContext context(StringWriter out, StringWriter err) {
        return new PluginCommandContext(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), folder, Map.of(), Optional.empty());
    }
}
