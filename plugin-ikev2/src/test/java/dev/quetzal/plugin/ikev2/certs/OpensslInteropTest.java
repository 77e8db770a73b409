package dev.quetzal.plugin.ikev2.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files as OpenSSL 3 sees them: {@code openssl pkcs12 -info -noout -legacy} opens the PKCS#12 and
 * reports the legacy algorithms Apple's importer needs (RFC 7292 App. C pbeWithSHAAnd3-KeyTripleDES-CBC,
 * SHA-1 MAC; pterodapter-inventory.md §6 docs/certs.md "pkcs12 made with -legacy"), and {@code openssl
 * verify -purpose} accepts the chains for TLS server/client use (RFC 5280 §4.2.1.12 EKUs). Skipped
 * where openssl is not installed, except under CI=true, where that is a failure.
 */
@Timeout(120)
final class OpensslInteropTest {
    @TempDir
    static Path dir;

    private static String opensslMissing;

    @BeforeAll
    static void findOpenssl() {
        try {
            Result version = openssl(Map.of(), "version");
            opensslMissing = version.status() == 0 ? null : "openssl version exited " + version.status();
        } catch (IOException e) {
            opensslMissing = "openssl is not installed: " + e.getMessage();
        }
        if (opensslMissing != null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(opensslMissing + " (CI=true requires it)");
        }
    }

    private record Result(int status, String output) {}

    private static Result openssl(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl " + args[0] + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void certs(Map<String, String> environment, String... args) throws Exception {
        TestCommandContext context = new TestCommandContext(dir, environment);
        int status = new CertsCommand(Clock.systemUTC(), new SecureRandom()).run(context, List.of(args));
        assertEquals(0, status, context.errText());
    }

    @Test
    @DisplayName("openssl pkcs12 -info -noout -legacy opens the client PKCS#12: 3DES key and certificates, SHA-1 MAC")
    void pkcs12OpensWithLegacyOpenssl() throws Exception {
        assumeTrue(opensslMissing == null, opensslMissing);
        Map<String, String> environment = Map.of("QZ_P12", "s3cret-for-test");
        certs(Map.of(), "ca", "--out", "p12-pki");
        certs(environment, "client", "--ca", "p12-pki", "--out", "p12-pki", "--name", "carol@example.com", "--p12-password-env", "QZ_P12");

        Result info = openssl(environment, "pkcs12", "-info", "-noout", "-legacy", "-passin", "env:QZ_P12",
                "-in", dir.resolve("p12-pki/carol@example.com.p12").toString());

        assertEquals(0, info.status(), info.output());
        assertTrue(info.output().contains("MAC: sha1"), info.output());
        assertTrue(info.output().contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC"), info.output());
        assertTrue(info.output().contains("PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC"), info.output());

        Result wrong = openssl(Map.of("QZ_P12", "wrong"), "pkcs12", "-info", "-noout", "-legacy", "-passin", "env:QZ_P12",
                "-in", dir.resolve("p12-pki/carol@example.com.p12").toString());
        assertTrue(wrong.status() != 0, "a wrong password fails the MAC check");
    }

    @Test
    @DisplayName("openssl verify -purpose sslserver / sslclient accepts the server and client certificates under the CA")
    void opensslVerifiesChains() throws Exception {
        assumeTrue(opensslMissing == null, opensslMissing);
        certs(Map.of(), "ca", "--out", "verify-pki", "--key", "rsa-3072");
        certs(Map.of(), "server", "--ca", "verify-pki", "--out", "verify-pki", "--name", "vpn.example.com", "--key", "ecdsa-p384");
        certs(Map.of(), "client", "--ca", "verify-pki", "--out", "verify-pki", "--name", "dave");
        String ca = dir.resolve("verify-pki/ca.pem").toString();

        Result server = openssl(Map.of(), "verify", "-CAfile", ca, "-purpose", "sslserver", dir.resolve("verify-pki/vpn.example.com.pem").toString());
        Result client = openssl(Map.of(), "verify", "-CAfile", ca, "-purpose", "sslclient", dir.resolve("verify-pki/dave.pem").toString());
        Result clientAsServer = openssl(Map.of(), "verify", "-CAfile", ca, "-purpose", "sslserver", dir.resolve("verify-pki/dave.pem").toString());

        assertEquals(0, server.status(), server.output());
        assertEquals(0, client.status(), client.output());
        assertTrue(clientAsServer.status() != 0, "a client certificate is not a server certificate: " + clientAsServer.output());
        Result key = openssl(Map.of(), "pkey", "-in", dir.resolve("verify-pki/vpn.example.com-key.pem").toString(), "-noout");
        assertEquals(0, key.status(), key.output());
        assertTrue(Files.readString(dir.resolve("verify-pki/dave-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
