package dev.quetzal.plugin.ikev2.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.CertsAt;
import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quetzal doctor} on an {@code ikev2} frontend with certificates from {@code quetzal certs}: a good set
 * passes, and each seeded fault is named with its fix (issue 9, diagnostics).
 */
final class Ikev2DoctorTest {
    private static final String NAME = "vpn.example.test";

    @TempDir
    Path dir;

    private int ikePort;
    private int natPort;

    @BeforeEach
    void pki() throws Exception {
        assertEquals(0, certs("ca", "--out", "pki").status());
        assertEquals(0, certs("server", "--ca", "pki", "--out", "pki", "--name", NAME).status());
        ikePort = freeUdpPort();
        natPort = freeUdpPort();
    }

    private Result certs(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "certs";
        System.arraycopy(args, 0, full, 1, args.length);
        return CliRun.runIn(dir, full);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }

    private Result doctor(String certificate, String key, String clientCa, String identity) throws Exception {
        Path file = dir.resolve("gateway.json");
        Files.writeString(file, """
                {"frontends": [{"type": "ikev2", "listenAddress": "127.0.0.1", "ikePort": %d, "natPort": %d,
                                "certificate": "%s", "key": "%s", "clientCa": "%s"%s}],
                 "backend": {"type": "test-backend", "server": "127.0.0.1:9"},
                 "addressPool": {"ipv4": "100.127.254.0/24"},
                 "status": {"enabled": false}}
                """.formatted(ikePort, natPort, dir.resolve(certificate), dir.resolve(key), dir.resolve(clientCa),
                identity == null ? "" : ", \"identity\": \"" + identity + "\""));
        return CliRun.run("doctor", "--config", file.toString());
    }

    private Result doctor() throws Exception {
        return doctor("pki/" + NAME + ".pem", "pki/" + NAME + "-key.pem", "pki/ca.pem", null);
    }

    private static void assertLine(Result result, String start, String fixPart) {
        String line = result.out().lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + result.out()));
        assertTrue(line.contains(" -> ") && line.substring(line.indexOf(" -> ")).contains(fixPart), line);
    }

    @DisplayName("certificates from quetzal certs and free ports: no problems, exit 0 (issue 9, diagnostics)")
    @Test
    void goodConfig() throws Exception {
        Result result = doctor();
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().endsWith(" ok, 0 warn, 0 fail\n"), result.out());
        assertTrue(result.out().contains("ok    ikev2: UDP 127.0.0.1:" + natPort + " (natPort) is free and bindable"),
                result.out());
        assertTrue(result.out().contains("ok    ikev2: certificate \"CN=" + NAME
                + "\" has the EKUs serverAuth and ikeIntermediate"), result.out());
        assertTrue(result.out().contains("ok    ikev2: identity " + NAME + " is among the certificate's DNS names"),
                result.out());
    }

    @DisplayName("natPort held by another socket: fail, stop it or choose another natPort (issue 9, ports free)")
    @Test
    void portInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), natPort))) {
            Result result = doctor();
            assertEquals(1, result.status(), result.out());
            assertLine(result, "fail  ikev2: UDP 127.0.0.1:" + natPort + " (natPort) is in use by another program",
                    "choose another natPort");
        }
    }

    /** Doctor on a server certificate that quetzal certs issued {@code daysAgo} days ago (it lasts 825 days). */
    private Result doctorIssuedDaysAgo(int daysAgo) throws Exception {
        String out = "issued-" + daysAgo;
        assertEquals(0, CertsAt.run(Instant.now().minus(Duration.ofDays(daysAgo)), dir, "server", "--ca", "pki", "--out",
                out, "--name", NAME));
        return doctor(out + "/" + NAME + ".pem", out + "/" + NAME + "-key.pem", "pki/ca.pem", null);
    }

    @DisplayName("an expired server certificate: fail with the date and quetzal certs server (issue 9, expiry)")
    @Test
    void expired() throws Exception {
        Result result = doctorIssuedDaysAgo(900);
        assertEquals(1, result.status(), result.out());
        assertLine(result, "fail  ikev2: certificate \"CN=" + NAME + "\" expired on ", "quetzal certs server");
    }

    @DisplayName("a server certificate ending within 30 days: warn, renew it (issue 9, expiry)")
    @Test
    void expiresSoon() throws Exception {
        Result result = doctorIssuedDaysAgo(810);
        assertEquals(0, result.status(), result.out());
        assertLine(result, "warn  ikev2: certificate \"CN=" + NAME + "\" expires in 14 days", "renew it now");
    }

    @DisplayName("a client certificate as the server's (EKU clientAuth only): fail, serverAuth missing (issue 9, EKUs)")
    @Test
    void wrongExtendedKeyUsage() throws Exception {
        assertEquals(0, certs("client", "--ca", "pki", "--out", "clients", "--name", NAME).status());
        Result result = doctor("clients/" + NAME + ".pem", "clients/" + NAME + "-key.pem", "pki/ca.pem", null);
        assertEquals(1, result.status(), result.out());
        assertLine(result, "fail  ikev2: certificate \"CN=" + NAME + "\" has extendedKeyUsage [1.3.6.1.5.5.7.3.2]"
                + " without serverAuth", "serverAuth and ikeIntermediate");
    }

    @DisplayName("an identity the certificate does not name: fail, set identity or issue for it (issue 9, names)")
    @Test
    void identityNotInSubjectAltName() throws Exception {
        Result result = doctor("pki/" + NAME + ".pem", "pki/" + NAME + "-key.pem", "pki/ca.pem", "gw.example.test");
        assertEquals(1, result.status(), result.out());
        assertLine(result, "fail  ikev2: identity gw.example.test is not among the certificate's DNS names [" + NAME + "]",
                "set identity to one of [" + NAME + "]");
    }

    @DisplayName("the key of another certificate: fail, the key does not belong (issue 9, certificate chains)")
    @Test
    void keyDoesNotMatch() throws Exception {
        assertEquals(0, certs("server", "--ca", "pki", "--out", "other", "--name", "other.example.test").status());
        Result result = doctor("pki/" + NAME + ".pem", "other/other.example.test-key.pem", "pki/ca.pem", null);
        assertEquals(1, result.status(), result.out());
        assertLine(result, "fail  ikev2: key " + dir.resolve("other/other.example.test-key.pem")
                + " does not belong to the certificate \"CN=" + NAME + "\"", "NAME-key.pem");
    }

    @DisplayName("a chain whose CA is in neither file: warn, append intermediates or trust the root (issue 9, chains)")
    @Test
    void incompleteChain() throws Exception {
        assertEquals(0, certs("ca", "--out", "other-ca", "--name", "Other CA").status());
        Result result = doctor("pki/" + NAME + ".pem", "pki/" + NAME + "-key.pem", "other-ca/ca.pem", null);
        assertEquals(0, result.status(), result.out());
        assertLine(result, "warn  ikev2: chain of " + dir.resolve("pki/" + NAME + ".pem") + " ends at \"CN=" + NAME + "\"",
                "append the missing intermediate certificates");
    }
}
