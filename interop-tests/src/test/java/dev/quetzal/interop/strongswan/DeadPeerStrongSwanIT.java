package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead-peer detection against a real strongSwan 5.9.8 client: Quetzal with a 2 s {@code dpdInterval} keeps the
 * tunnel of a live client (it answers the liveness checks), then detects the client killed with SIGKILL, which sends
 * no Delete, and removes its SAs within the interval plus the retransmission budget. Root only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class DeadPeerStrongSwanIT {
    private static final int IKE_PORT = 500;
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    /** Several intervals of a live client: checks go out and are answered, nothing is deleted. */
    private static final Duration ALIVE = Duration.ofSeconds(7);
    /** Interval 2 s + retransmissions 0.5 + 1 + 2 + 4 + 8 s + ticks, with room for a loaded machine. */
    private static final Duration DETECTION_LIMIT = Duration.ofSeconds(30);
    private static final String DEAD_PEER = "(dead peer: ";

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §2.4: a strongSwan client answering liveness checks keeps its SAs; killed with SIGKILL,"
            + " Quetzal's checks go unanswered and its IKE and CHILD SAs are removed within a bounded time")
    void killedClientDetected() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), CertificateKey.ECDSA_P256).getFirst();
        String connection = SUITE.connection(pki.key());
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            server.start(pki, SUITE, IKE_PORT, "{\"dpdInterval\": \"2s\"}");
            try (StrongSwanClient client = StrongSwanClient.start(topology, work.resolve("pki"), IKE_PORT)) {
                QuetzalStrongSwanIT.tunnelAndPing(topology, client, connection);
                Thread.sleep(ALIVE.toMillis());
                String alive = Files.readString(server.log());
                assertTrue(!alive.contains(DEAD_PEER) && client.listSas().established(connection).isPresent(),
                        "the live client lost its tunnel:\n" + server.tail());
                // strongSwan itself sends no liveness checks here (dpd_delay 0s): these are Quetzal's.
                assertTrue(Files.readString(client.log()).contains("parsed INFORMATIONAL request"),
                        "no liveness check from Quetzal reached the idle client; see " + client.log());

                long pid = Long.parseLong(Files.readString(topology.workDir().resolve("pids")
                        .resolve("charon-client.pid")).strip());
                ProcessHandle charon = ProcessHandle.of(pid).orElseThrow();
                long killed = System.nanoTime();
                assertTrue(charon.destroyForcibly(), "SIGKILL to charon " + pid + " failed");
                charon.onExit().get(10, TimeUnit.SECONDS);

                String log = "";
                while (!log.contains(DEAD_PEER) && System.nanoTime() - killed < DETECTION_LIMIT.toNanos()) {
                    Thread.sleep(200);
                    log = Files.readString(server.log());
                }
                double seconds = (System.nanoTime() - killed) / 1e9;
                assertTrue(log.contains(DEAD_PEER), "Quetzal did not detect the killed client within "
                        + DETECTION_LIMIT + ":\n" + server.tail());
                assertEquals(1, log.lines().filter(l -> l.contains(DEAD_PEER)).count(), server.tail());
                System.out.printf(Locale.ROOT, "Quetzal removed the SAs of the SIGKILLed strongSwan client %.1f s"
                        + " after the kill (dpdInterval 2 s)%n", seconds);
            } finally {
                server.stop();
            }
        }
    }
}
