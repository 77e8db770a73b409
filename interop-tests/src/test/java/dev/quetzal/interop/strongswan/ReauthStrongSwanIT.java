package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reauthentication against a real strongSwan 5.9.8 client: Quetzal with a 20 s {@code reauth} lifetime sends
 * AUTH_LIFETIME in IKE_AUTH (RFC 4478); strongSwan, with a 5 s over_time, reauthenticates on its own 15 s later (a
 * new IKE SA with a full IKE_AUTH, its default break-before-make), keeps its pool address and the tunnel carries ping
 * again. Root only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class ReauthStrongSwanIT {
    private static final int IKE_PORT = 500;
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    /** Reauthentication is due 15 s after the first IKE_AUTH; the rest covers a retransmission or two. */
    private static final Duration REAUTH_LIMIT = Duration.ofSeconds(35);

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §2.8.3, RFC 4478: strongSwan receives AUTH_LIFETIME of 20s, reauthenticates by itself,"
            + " keeps its address, and ping works on the new IKE and CHILD SA (issue 8, lifetimes)")
    void strongSwanReauthenticates() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), CertificateKey.ECDSA_P256).getFirst();
        String connection = SUITE.connection(pki.key());
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            server.start(pki, SUITE, IKE_PORT, "{\"reauth\": \"20s\"}");
            try (StrongSwanClient client = StrongSwanClient.start(topology, work.resolve("pki"), IKE_PORT, 1,
                    Map.of("OVER_TIME", "5s"))) {
                long started = System.nanoTime();
                QuetzalStrongSwanIT.tunnelAndPing(topology, client, connection);
                SwanctlSas.IkeSa first = client.listSas().established(connection).orElseThrow();
                SwanctlSas.ChildSa firstChild = first.installedChild(connection).orElseThrow();
                assertTrue(Files.readString(client.log()).contains("received AUTH_LIFETIME of 20s"),
                        "strongSwan did not get Quetzal's AUTH_LIFETIME; see " + client.log());

                Optional<SwanctlSas.IkeSa> next = Optional.empty();
                while (next.isEmpty() && System.nanoTime() - started < REAUTH_LIMIT.toNanos()) {
                    Thread.sleep(200);
                    next = client.listSas().established(connection)
                            .filter(ike -> ike.uniqueId() > first.uniqueId() && ike.installedChild(connection).isPresent());
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                String clientLog = Files.readString(client.log());
                assertTrue(next.isPresent(), "strongSwan did not reauthenticate within " + REAUTH_LIMIT + "; see "
                        + client.log() + "\n" + server.tail());
                assertTrue(clientLog.contains("reauthenticating IKE_SA"), "no reauthentication in " + client.log());
                SwanctlSas.ChildSa child = next.get().installedChild(connection).orElseThrow();
                assertEquals(firstChild.localTs(), child.localTs(), "the pool address changed with the reauthentication");
                assertTrue(!next.get().initiatorSpi().equals(first.initiatorSpi()), "not a new IKE SA: " + next.get());

                Scripts.Result ping = topology.runInClient(Duration.ofSeconds(10), "ping", "-c", "3", "-i", "0.2",
                        "-W", "2", SwanTopology.BEHIND_SERVER);
                assertEquals(0, ping.exitCode(), "ping after the reauthentication failed:\n" + ping.output());
                assertTrue(client.listSas().established(connection).orElseThrow().installedChild(connection)
                        .orElseThrow().bytesOut() > 0, "the new CHILD SA carried nothing");
                String quetzalLog = Files.readString(server.log());
                assertTrue(quetzalLog.lines().filter(l -> l.contains(" established: ")).count() >= 2, server.tail());
                System.out.printf(Locale.ROOT, "strongSwan reauthenticated (IKE SA #%d -> #%d, address %s kept) %.1f s"
                        + " after connecting; reauth lifetime 20 s, over_time 5 s%n", first.uniqueId(),
                        next.get().uniqueId(), child.localTs(), seconds);
                client.terminate(connection);
            } finally {
                server.stop();
            }
        }
    }
}
