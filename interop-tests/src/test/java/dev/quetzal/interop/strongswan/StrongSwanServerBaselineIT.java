package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline of issue 4's side-by-side comparison: a real strongSwan 5.9.8 client against a
 * strongSwan server (both kernel-libipsec) in the interop topology, one suite, RSA-3072 certificates
 * from {@code quetzal certs}. The server is a {@link VpnServer}; Quetzal's frontend takes its place in
 * the same steps. Root only: under CI=true it must run.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class StrongSwanServerBaselineIT {
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    private static final CertificateKey KEY = CertificateKey.RSA_3072;
    private static final int IKE_PORT = 500;
    private static final int MEASURE_SECONDS = 10;
    private static final int REKEY_RUN_SECONDS = 8;
    private static final Duration PING_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §1.1.2, §1.3.2, §1.3.3, §1.4.1, §2.19, RFC 7383 §2.5, RFC 3948: strongSwan client to strongSwan"
            + " server (AES-GCM-256/ECP-256, RSA-3072): fragmented IKE_AUTH, ping and iperf3 behind the server,"
            + " CHILD and IKE rekey during iperf3, terminate; throughput and server CPU s/GB")
    void strongSwanServerBaseline(TestReporter reporter) throws Exception {
        long started = System.nanoTime();
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), KEY).getFirst();
        long ticks = ProcessCpu.ticksPerSecond();
        String connection = SUITE.connection(KEY);
        List<GatewayCost> costs;
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                VpnServer server = new StrongSwanServer(topology)) {
            server.start(pki, SUITE, IKE_PORT);
            try (StrongSwanClient client = StrongSwanClient.start(topology, pki.root(), IKE_PORT)) {
                String initiated = client.initiate(connection);
                assertTrue(initiated.contains("CHILD_SA " + connection + "{") && initiated.contains("198.18.2."),
                        "no CHILD SA with a pool address (RFC 7296 §2.19):\n" + initiated);
                // RFC 7383 §2.5: the responder sent FRAGMENTATION_SUPPORTED, and RSA-3072's IKE_AUTH exceeds the MTU guess
                assertTrue(Files.readString(client.log()).contains("splitting IKE message"),
                        "the client did not fragment IKE_AUTH; see " + client.log());

                Scripts.Result ping = topology.runInClient(PING_LIMIT, "ping", "-c", "3", "-i", "0.2", "-W", "2",
                        SwanTopology.BEHIND_SERVER);
                assertEquals(0, ping.exitCode(), "ping through the tunnel failed:\n" + ping.output());
                assertTrue(ping.output().contains(" 0% packet loss"), ping.output());

                GatewayCost up = measure(topology, server, ticks, false, "up (client to server)");
                GatewayCost down = measure(topology, server, ticks, true, "down (server to client, -R)");
                costs = List.of(up, down);

                RekeyDuringIperf3.run(topology, client, connection, REKEY_RUN_SECONDS, work.resolve("iperf3-rekey.json"));

                client.terminate(connection);
                assertTrue(client.listSas().ikeSas().isEmpty(), "IKE SA left after terminate (RFC 7296 §1.4.1)");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (GatewayCost cost : costs) {
            String line = "strongSwan server baseline, " + SUITE.ikeProposal() + " / " + SUITE.espProposal() + ", "
                    + KEY.option() + ", " + cost;
            System.out.println(line);
            reporter.publishEntry(cost.label(), cost.toString());
        }
        System.out.printf(java.util.Locale.ROOT, "strongSwan server baseline IT took %.1f s%n", seconds);
        for (GatewayCost cost : costs) {
            assertTrue(cost.iperf3().bytesReceived() > 0, "iperf3 moved no data: " + cost);
        }
    }

    /** iperf3 for {@link #MEASURE_SECONDS} with the server's CPU time before and after. */
    private GatewayCost measure(SwanTopology topology, VpnServer server, long ticks, boolean reverse, String label)
            throws IOException, InterruptedException {
        return GatewayCost.measure(topology, server, ticks, MEASURE_SECONDS, reverse, label,
                work.resolve(reverse ? "iperf3-down.json" : "iperf3-up.json"));
    }
}
