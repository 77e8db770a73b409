package dev.quetzal.plugin.rawudp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.cli.CliRun;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quetzal doctor} on the raw-udp components (issue 9, diagnostics: ports free). */
final class RawUdpDoctorTest {
    @TempDir
    Path dir;

    private Result doctor(int listen, int bind) throws Exception {
        Path file = dir.resolve("gateway.json");
        Files.writeString(file, """
                {"frontends": [{"type": "raw-udp", "listen": "127.0.0.1:%d"}],
                 "backend": {"type": "raw-udp", "peer": "127.0.0.1:9", "bind": "127.0.0.1:%d", "addresses": ["198.18.0.2"]},
                 "addressPool": {"ipv4": "100.127.254.0/24"},
                 "status": {"enabled": false}}
                """.formatted(listen, bind));
        return CliRun.run("doctor", "--config", file.toString());
    }

    @DisplayName("the frontend's port held by another socket: fail naming listen; the backend's free one ok (issue 9)")
    @Test
    void frontendPortInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            Result result = doctor(port, 0);
            assertEquals(1, result.status(), result.out() + result.err());
            assertTrue(result.out().contains("fail  raw-udp: UDP 127.0.0.1:" + port
                    + " (listen) is in use by another program -> "), result.out());
            assertTrue(result.out().contains("ok    raw-udp-backend: UDP 127.0.0.1:0 (bind): any free port"), result.out());
        }
    }
}
