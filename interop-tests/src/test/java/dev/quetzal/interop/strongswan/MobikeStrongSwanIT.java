package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * MOBIKE (RFC 4555) against a real strongSwan 5.9.8 client (mobike = yes, its default): after the tunnel is up the
 * client namespace's address changes from 198.18.0.2 to 198.18.0.3; charon's kernel-netlink notices, charon sends
 * UPDATE_SA_ADDRESSES from the new address, Quetzal moves the IKE SA and its Child SA there, and the tunnel survives:
 * the same IKE SA, pings through it again within a bounded time. Root only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class MobikeStrongSwanIT {
    private static final int IKE_PORT = 500;
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    private static final String OLD_ADDRESS = "198.18.0.2";
    private static final String NEW_ADDRESS = "198.18.0.3";
    /** Address change to the first reply through the tunnel: charon's roam delay plus one exchange, with room. */
    private static final Duration MOVE_LIMIT = Duration.ofSeconds(30);
    /** Single pings waiting 0.2 s each: at least MOVE_LIMIT's worth. */
    private static final int MAX_PINGS = 150;
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 4555 §3.5, §3.6: the strongSwan client's address changes; its UPDATE_SA_ADDRESSES moves the IKE"
            + " SA and ESP, the same IKE SA stays up and ping through the tunnel works again")
    void tunnelSurvivesAddressChange() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), CertificateKey.ECDSA_P256).getFirst();
        String connection = SUITE.connection(pki.key());
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            server.start(pki, SUITE, IKE_PORT);
            try (StrongSwanClient client = StrongSwanClient.start(topology, work.resolve("pki"), IKE_PORT)) {
                QuetzalStrongSwanIT.tunnelAndPing(topology, client, connection);
                long ikeSa = client.listSas().established(connection).orElseThrow().uniqueId();
                String device = outerDevice(topology);
                // Deleting the primary address would take the secondary in the same subnet with it.
                inClient(topology, "sysctl", "-qw", "net.ipv4.conf." + device + ".promote_secondaries=1");

                long moved = System.nanoTime();
                inClient(topology, "ip", "addr", "add", NEW_ADDRESS + "/24", "dev", device);
                inClient(topology, "ip", "addr", "del", OLD_ADDRESS + "/24", "dev", device);
                boolean replied = false;
                for (int i = 0; i < MAX_PINGS && !replied && System.nanoTime() - moved < MOVE_LIMIT.toNanos(); i++) {
                    replied = topology.runInClient(COMMAND_LIMIT, "ping", "-c", "1", "-W", "0.2",
                            SwanTopology.BEHIND_SERVER).exitCode() == 0;
                }
                double seconds = (System.nanoTime() - moved) / 1e9;
                assertTrue(replied, "no reply through the tunnel within " + MOVE_LIMIT + " of the address change:\n"
                        + server.tail() + "\n--- client log: " + client.log());
                System.out.printf(Locale.ROOT, "strongSwan client moved %s -> %s: first reply through the tunnel"
                        + " %.2f s after the address change%n", OLD_ADDRESS, NEW_ADDRESS, seconds);

                String log = Files.readString(server.log());
                String move = log.lines().filter(l -> l.contains("peer moved: /" + OLD_ADDRESS)
                        && l.contains("-> /" + NEW_ADDRESS) && l.contains("MOBIKE UPDATE_SA_ADDRESSES")).findFirst()
                        .orElseThrow(() -> new AssertionError("Quetzal did not log the MOBIKE move:\n" + tail(server)));
                System.out.println("Quetzal: " + move);
                // charon logs UPDATE_SA_ADDRESSES as N(UPD_SA_ADDR) and COOKIE2 as N(COOKIE2).
                String informational = Files.readString(client.log()).lines()
                        .filter(l -> l.contains("INFORMATIONAL")).reduce("", (a, b) -> a + b + "\n");
                assertTrue(informational.contains("generating INFORMATIONAL request")
                        && informational.contains("N(UPD_SA_ADDR)"), "charon sent no UPDATE_SA_ADDRESSES:\n"
                        + informational);
                assertEquals(ikeSa, client.listSas().established(connection).orElseThrow().uniqueId(),
                        "the same IKE SA carries the tunnel after the move");
                Scripts.Result ping = topology.runInClient(COMMAND_LIMIT, "ping", "-c", "3", "-i", "0.2", "-W", "2",
                        SwanTopology.BEHIND_SERVER);
                assertTrue(ping.output().contains(" 0% packet loss"), ping.output());
            } finally {
                server.stop();
            }
        }
    }

    private static String tail(QuetzalServer server) {
        try {
            return server.tail();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The client namespace's veth, the one holding the old address. */
    private static String outerDevice(SwanTopology topology) throws IOException {
        String out = inClient(topology, "ip", "-o", "-4", "addr", "show");
        return out.lines().filter(l -> l.contains(" " + OLD_ADDRESS + "/")).map(l -> l.trim().split("\\s+")[1])
                .findFirst().orElseThrow(() -> new IOException("no device with " + OLD_ADDRESS + ":\n" + out));
    }

    private static String inClient(SwanTopology topology, String... command) throws IOException {
        Scripts.Result result = topology.runInClient(COMMAND_LIMIT, command);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "):\n"
                    + result.output());
        }
        return result.output();
    }
}
