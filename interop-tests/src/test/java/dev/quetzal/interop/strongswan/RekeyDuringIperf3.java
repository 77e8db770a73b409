package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * RFC 7296 §1.3.3 then §1.3.2, while TCP runs through the tunnel: the strongSwan client rekeys the CHILD SA, then
 * the IKE SA; both complete (new unique ids), the iperf3 run still ends without error and the new CHILD SA carries its
 * traffic. The same steps for any {@link VpnServer}.
 */
final class RekeyDuringIperf3 {
    /**
     * IKE shares the UDP port with ESP that iperf3 saturates, so a rekey request or its answer can be lost; strongSwan
     * retransmits after 4 s, 11.2 s and 24.2 s (charon's default retransmit_timeout 4 s, base 1.8). The wait covers
     * the third try, so one lost datagram does not fail the test while a rekey that never completes still does.
     */
    private static final Duration SA_WAIT = Duration.ofSeconds(30);

    private RekeyDuringIperf3() {}

    /** Runs the rekeys during {@code seconds} of iperf3; returns the iperf3 result. */
    static Iperf3Result run(SwanTopology topology, StrongSwanClient client, String connection, int seconds, Path report)
            throws IOException, InterruptedException {
        SwanctlSas.ChildSa first = child(client.listSas(), connection);
        Iperf3Result result;
        try (Iperf3Run run = Iperf3Run.start(topology, seconds, false, report)) {
            awaitSas(client, "iperf3 traffic on the CHILD SA",
                    sas -> childOf(sas, connection).filter(c -> c.bytesOut() > first.bytesOut() + 1_000_000).isPresent());

            client.rekeyChild(connection);
            SwanctlSas rekeyed = awaitSas(client, "the rekeyed CHILD SA",
                    sas -> childOf(sas, connection).filter(c -> c.uniqueId() > first.uniqueId()).isPresent());
            long ikeId = rekeyed.established(connection).orElseThrow().uniqueId();

            client.rekeyIke(connection);
            awaitSas(client, "the rekeyed IKE SA",
                    sas -> sas.established(connection).filter(ike -> ike.uniqueId() > ikeId).isPresent());
            result = run.await();
        }
        assertTrue(result.bytesReceived() > 0, "iperf3 moved nothing during the rekeys");
        SwanctlSas.ChildSa last = child(client.listSas(), connection);
        assertTrue(last.uniqueId() > first.uniqueId() && last.bytesOut() > 0,
                "the new CHILD SA carried no traffic: " + last);
        System.out.printf(java.util.Locale.ROOT, "rekey CHILD and IKE during iperf3: %.0f Mbit/s, CHILD SA #%d -> #%d%n",
                result.megabitsPerSecond(), first.uniqueId(), last.uniqueId());
        return result;
    }

    private static Optional<SwanctlSas.ChildSa> childOf(SwanctlSas sas, String connection) {
        return sas.established(connection).flatMap(ike -> ike.installedChild(connection));
    }

    private static SwanctlSas.ChildSa child(SwanctlSas sas, String connection) {
        return childOf(sas, connection).orElseThrow(() -> new AssertionError("no installed CHILD SA " + connection + ": " + sas));
    }

    /** Polls {@code swanctl --list-sas} until {@code condition} holds, at most {@link #SA_WAIT}. */
    private static SwanctlSas awaitSas(StrongSwanClient client, String what, Predicate<SwanctlSas> condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SA_WAIT.toNanos();
        SwanctlSas last;
        do {
            last = client.listSas();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return fail("no " + what + " within " + SA_WAIT + "; last --list-sas: " + last);
    }
}
