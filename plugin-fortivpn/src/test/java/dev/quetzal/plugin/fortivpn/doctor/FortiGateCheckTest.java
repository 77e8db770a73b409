package dev.quetzal.plugin.fortivpn.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.plugin.fortivpn.tls.CertificatePins;
import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quetzal doctor} on a {@code fortivpn} backend against the in-process FortiGate emulator: reachable, TLS
 * pin, clock; no login is attempted (issue 9, diagnostics).
 */
final class FortiGateCheckTest {
    private static final String PASSWORD = "doctor-must-not-print-this";

    @TempDir
    Path dir;

    private FortiGateEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = FortiGateEmulator.start(EmulatorConfig.builder().user("alice", PASSWORD).build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Result doctor(int port, String pin) throws Exception {
        Path file = dir.resolve("gateway.json");
        Files.writeString(file, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "fortivpn", "server": "127.0.0.1:%d", "username": "alice", "password": "%s",
                             "tls": {"pins": ["%s"], "systemTrust": false}},
                 "addressPool": {"ipv4": "100.127.254.0/24"},
                 "status": {"enabled": false}}
                """.formatted(port, PASSWORD, pin));
        Result result = CliRun.run("doctor", "--config", file.toString());
        assertFalse(result.out().contains(PASSWORD), result.out());
        return result;
    }

    private static String line(Result result, String start) {
        return result.out().lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + result.out()));
    }

    @DisplayName("the emulator with its pin: reachable, pin matches, no problems, no login (issue 9, diagnostics)")
    @Test
    void goodConfig() throws Exception {
        int port = emulator.address().getPort();
        Result result = doctor(port, emulator.certificatePin());
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().endsWith(" ok, 0 warn, 0 fail\n"), result.out());
        line(result, "ok    fortivpn: FortiGate 127.0.0.1:" + port + " is reachable over TCP");
        assertTrue(line(result, "ok    fortivpn: FortiGate 127.0.0.1:" + port + " speaks TLSv1.")
                .endsWith("its certificate matches the pin " + emulator.certificatePin() + " in tls.pins"), result.out());
        assertTrue(emulator.sessions().isEmpty(), "doctor logged in");
    }

    @DisplayName("a pin that is not the FortiGate's: fail printing the right pin to put in tls.pins (issue 9, TLS pin)")
    @Test
    void pinMismatch() throws Exception {
        String wrong = CertificatePins.PREFIX + Base64.getEncoder().encodeToString(new byte[32]);
        Result result = doctor(emulator.address().getPort(), wrong);
        assertEquals(1, result.status(), result.out());
        String line = line(result, "fail  fortivpn: 127.0.0.1:" + emulator.address().getPort()
                + ": server certificate not trusted (its pin is not in tls.pins");
        assertTrue(line.contains("its pin is " + emulator.certificatePin()), line);
        assertTrue(line.contains("-> if the FortiGate's administrator confirms " + emulator.certificatePin()), line);
        assertTrue(line.endsWith("put it in tls.pins"), line);
    }

    @DisplayName("nothing listening on the FortiGate's port: fail, check server, route and firewall (issue 9, reachable)")
    @Test
    void unreachable() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closed = probe.getLocalPort();
        }
        Result result = doctor(closed, emulator.certificatePin());
        assertEquals(1, result.status(), result.out());
        String line = line(result, "fail  fortivpn: FortiGate 127.0.0.1:" + closed + " is not reachable over TCP: ");
        assertTrue(line.contains("-> check server (host and SSL-VPN port"), line);
    }

    @DisplayName("a FortiGate whose Date is 5 minutes off: warn with how to set the clock (issue 9, clock skew)")
    @Test
    void clockSkew() throws Exception {
        try (SkewedDateServer skewed = new SkewedDateServer(Duration.ofMinutes(5))) {
            Result result = doctor(skewed.port(), CertificatePins.pin(skewed.certificate()));
            assertEquals(0, result.status(), result.out());
            String line = line(result, "warn  fortivpn: this host's clock is ");
            assertTrue(line.matches(".* is (299|300|301) s behind the FortiGate's -> set the clock right \\(timedatectl set-ntp.*"),
                    line);
        }
    }

    @DisplayName("a FortiGate whose Date agrees: the clock line is ok (issue 9, clock skew)")
    @Test
    void clockInStep() throws Exception {
        try (SkewedDateServer server = new SkewedDateServer(Duration.ZERO)) {
            Result result = doctor(server.port(), CertificatePins.pin(server.certificate()));
            assertEquals(0, result.status(), result.out());
            assertTrue(line(result, "ok    fortivpn: this host's clock is ").endsWith(" the FortiGate's"), result.out());
        }
    }
}
