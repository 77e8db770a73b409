package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * strongSwan 5.9.8 to Quetzal through a {@link LossyRelayProcess} that drops, duplicates and reorders 5 % of the
 * datagrams each way: Quetzal on 198.18.0.1:5002 alone (single port), the relay on 198.18.0.1:5000 where the client
 * connects (custom-port mode). The handshake completes (strongSwan retransmits after 4 s) and iperf3 TCP through the
 * tunnel completes. Root only.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class LossyPathStrongSwanIT {
    private static final int RELAY_PORT = 5000;
    private static final int QUETZAL_PORT = 5002;
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    /** strongSwan retransmits after 4 s, 11.2 s, 24.2 s: the third try of each message fits. */
    private static final Duration TUNNEL_LIMIT = Duration.ofSeconds(45);
    private static final int IPERF3_SECONDS = 10;
    private static final Pattern COUNTS = Pattern.compile(
            "to (gateway|client) Counts\\[received=(\\d+), sent=\\d+, dropped=(\\d+), duplicated=(\\d+), reordered=(\\d+)]");

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §2.1, RFC 4303 §3.4.3 (issue 8, loss): with 5 % drop, duplication and reordering each way,"
            + " strongSwan's tunnel comes up and iperf3 TCP through it completes")
    void iperf3ThroughLossyPath() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), CertificateKey.ECDSA_P256).getFirst();
        String connection = SUITE.connection(pki.key());
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            server.start(pki, SUITE, QUETZAL_PORT);
            try (LossyRelayProcess relay = LossyRelayProcess.start(topology, SwanTopology.SERVER_OUTER, RELAY_PORT,
                    SwanTopology.SERVER_OUTER, QUETZAL_PORT, 8);
                    StrongSwanClient client = StrongSwanClient.start(topology, work.resolve("pki"), RELAY_PORT)) {
                long started = System.nanoTime();
                awaitTunnel(client, connection);
                double tunnelSeconds = (System.nanoTime() - started) / 1e9;
                Iperf3Result result;
                try (Iperf3Run run = Iperf3Run.start(topology, IPERF3_SECONDS, false, work.resolve("lossy-iperf3.json"))) {
                    result = run.await();
                }
                // The Delete may need strongSwan's retransmissions too (swanctl waits 10 s): best effort, before
                // the relay goes.
                try {
                    client.terminate(connection);
                } catch (IOException e) {
                    System.out.println("terminate through the lossy path did not finish within 10 s");
                }
                String report = relay.stop();
                assertTrue(result.bytesReceived() > 0, "iperf3 moved nothing through the lossy path; relay: " + report);
                Matcher m = COUNTS.matcher(report);
                int directions = 0;
                while (m.find()) {
                    directions++;
                    assertTrue(Long.parseLong(m.group(3)) > 0 && Long.parseLong(m.group(4)) > 0
                            && Long.parseLong(m.group(5)) > 0, "no fault of some kind toward the " + m.group(1) + ": "
                            + report);
                }
                assertTrue(directions == 2, "no counts from the relay:\n" + report);
                System.out.printf(Locale.ROOT, "strongSwan through 5 %% drop/dup/reorder: tunnel up in %.1f s, iperf3 TCP"
                        + " %.1f Mbit/s; relay %s%n", tunnelSeconds, result.megabitsPerSecond(),
                        report.strip().replace('\n', ';'));
            } finally {
                server.stop();
            }
        }
    }

    /** swanctl --initiate gives up after 10 s; charon itself goes on retransmitting, so its SA list decides. */
    private static void awaitTunnel(StrongSwanClient client, String connection) throws IOException, InterruptedException {
        try {
            client.initiate(connection);
        } catch (IOException e) {
            System.out.println("swanctl --initiate gave up, waiting for charon's own retransmissions: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        long deadline = System.nanoTime() + TUNNEL_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.listSas().established(connection).flatMap(ike -> ike.installedChild(connection)).isPresent()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no CHILD SA through the lossy path within " + TUNNEL_LIMIT + "; see " + client.log());
    }
}
