package dev.quetzal.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.config.TlsSettings;
import dev.quetzal.emulator.tls.CertificatePin;
import dev.quetzal.emulator.tls.KeyAndCertificates;
import dev.quetzal.emulator.tls.PemFiles;
import dev.quetzal.emulator.tls.SelfSignedCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fortigate-emulator command: facts on stdout, one-line errors with exit 2, clean stop with exit 0. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class EmulatorMainTest {
    @TempDir
    Path folder;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = EmulatorMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                () -> () -> { throw new AssertionError("should not serve"); });
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    @DisplayName("a bad config is one line naming the file and the JSON path; exit 2")
    void badConfig() throws Exception {
        Path file = folder.resolve("emu.json");
        Files.writeString(file, "{\"tunnel\": {\"dnsServers\": [\"nope\"]}}");
        Run result = run("--config", file.toString());
        assertEquals(2, result.status());
        assertEquals("emu.json: $.tunnel.dnsServers[0]: expected an IPv4 address, got \"nope\"", result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    @DisplayName("a bad --user or --listen is a usage error (exit 2) that never echoes the password")
    void badArguments() {
        Run user = run("--user", "hunter2");
        assertEquals(2, user.status());
        assertFalse(user.err().contains("hunter2"), user.err());
        assertTrue(user.err().contains("NAME:PASSWORD"), user.err());
        Run listen = run("--listen", "nowhere");
        assertEquals(2, listen.status());
        assertTrue(listen.err().contains("expected host:port"), listen.err());
    }

    @Test
    @DisplayName("--print-pin prints the configured certificate's pin-sha256 and exits 0")
    void printPin() throws Exception {
        KeyAndCertificates identity = SelfSignedCertificates.generate(TlsSettings.KeyType.RSA_2048, Instant.now());
        Path cert = folder.resolve("server.pem");
        Path key = folder.resolve("server.key");
        Files.writeString(cert, PemFiles.toPem(identity.leaf()));
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            writer.writeObject(identity.key());
        }
        Path file = folder.resolve("emu.json");
        Files.writeString(file, "{\"tls\": {\"certificate\": \"server.pem\", \"key\": \"server.key\"}}");
        Run result = run("--config", file.toString(), "--print-pin");
        assertEquals(0, result.status(), result.err());
        assertEquals(CertificatePin.of(identity.leaf()), result.out().strip());
    }

    @Test
    @DisplayName("runs with the shipped example: prints url, pin, users and network; a login works; stops with exit 0")
    void runsUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> EmulatorMain.execute(
                new String[] {"--config", "src/main/config/emulator.json", "--listen", "127.0.0.1:0", "--user", "zed:pw"},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of("EMULATOR_BOB_PASSWORD", "b"),
                () -> stop::await));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("network:") && System.nanoTime() < deadline && !status.isDone()) {
            Thread.sleep(20);
        }
        String[] lines = out.toString().strip().split("\n");
        assertEquals(4, lines.length, out + " / " + err);
        assertTrue(lines[0].matches("url: https://127\\.0\\.0\\.1:\\d+/"), lines[0]);
        assertTrue(lines[1].matches("pin: pin-sha256:[A-Za-z0-9+/]{43}="), lines[1]);
        assertEquals("users: alice, bob, carol, zed", lines[2]);
        assertEquals("network: in-process", lines[3]);

        String url = lines[0].substring("url: ".length());
        HttpClient http = HttpClient.newBuilder().sslContext(pinning(lines[1].substring("pin: ".length()))).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url + "remote/logincheck"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=zed&credential=pw&realm=&ajax=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(login.headers().firstValue("Set-Cookie").orElse("").startsWith("SVPNCOOKIE="));

        stop.countDown();
        assertEquals(0, status.get(10, TimeUnit.SECONDS));
    }

    /** Trusts the server whose public key has this pin, as OpenConnect's --servercert does. */
    static SSLContext pinning(String pin) throws Exception {
        X509TrustManager trust = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                if (!CertificatePin.of(chain[0]).equals(pin)) {
                    throw new java.security.cert.CertificateException("pin mismatch");
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }
}
