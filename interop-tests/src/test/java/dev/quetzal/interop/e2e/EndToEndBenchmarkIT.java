package dev.quetzal.interop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.interop.strongswan.GatewayCost;
import dev.quetzal.interop.strongswan.InteropPki;
import dev.quetzal.interop.strongswan.Iperf3Run;
import dev.quetzal.interop.strongswan.ProcessCpu;
import dev.quetzal.interop.strongswan.Scripts;
import dev.quetzal.interop.strongswan.StrongSwanClient;
import dev.quetzal.interop.strongswan.StrongSwanInstall;
import dev.quetzal.interop.strongswan.StrongSwanServer;
import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 acceptance, the side-by-side benchmark in one run on the {@link EndToEndNetwork} topology: iperf3 10 s each
 * way from a strongSwan client to the corporate iperf3 server, first through Quetzal (ikev2 + split-dns + nat64 +
 * fortivpn with NAPT) and the FortiGate emulator, then through a strongSwan server (kernel-libipsec) in Quetzal's place
 * that forwards straight to the corporate namespace over a veth pair. Throughput and CPU seconds per GB of each
 * gateway process (and of the emulator, which a real deployment does not run) are printed in one table; the figures
 * are reported, not asserted, since both ends share the machine's cores.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class EndToEndBenchmarkIT {
    private static final int SECONDS = 10;
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** The strongSwan server's link to the corporate namespace, inside the corporate 198.19.0.0/16 plan. */
    private static final String SERVER_SIDE = "198.19.9.1";
    private static final String CORPORATE_SIDE = "198.19.9.2";

    @TempDir
    Path work;

    /** One gateway's two runs: each direction's rate and its process's CPU time. */
    private record Row(String chain, GatewayCost up, GatewayCost down, GatewayCost emulatorUp, GatewayCost emulatorDown) {}

    @Test
    @DisplayName("issue 7 acceptance: throughput each way and gateway CPU s/GB through strongSwan → Quetzal → emulator"
            + " against a strongSwan server (libipsec) in Quetzal's place, one run, one table")
    void fullChainAgainstStrongSwan(TestReporter reporter) throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), EndToEndNetwork.KEY).getFirst();
        long ticks = ProcessCpu.ticksPerSecond();
        String connection = EndToEndNetwork.connection();
        List<Row> rows = new ArrayList<>();
        try (EndToEndNetwork network = EndToEndNetwork.start(scripts, work, pki)) {
            StrongSwanClient client = network.client(1);
            client.initiate(connection);
            long quetzal = network.quetzal().pid();
            long emulator = network.emulator().pid();
            GatewayCost[] up = measure(network, ticks, false, "Quetzal", quetzal, emulator);
            GatewayCost[] down = measure(network, ticks, true, "Quetzal", quetzal, emulator);
            rows.add(new Row("strongSwan → Quetzal → emulator", up[0], down[0], up[1], down[1]));

            network.quetzal().stop();
            assertEquals(0, network.quetzal().lastExitCode(), network::diagnostics);
            awaitNoSas(client);
            linkServerToCorporate(network);
            try (StrongSwanServer server = new StrongSwanServer(network.swan())) {
                server.start(pki, EndToEndNetwork.SUITE, EndToEndNetwork.IKE_PORT);
                String initiated = client.initiate(connection);
                assertTrue(initiated.contains("CHILD_SA " + connection + "{"), initiated);
                GatewayCost[] baselineUp = measure(network, ticks, false, "strongSwan", server.pid());
                GatewayCost[] baselineDown = measure(network, ticks, true, "strongSwan", server.pid());
                rows.add(new Row("strongSwan → strongSwan server → corporate", baselineUp[0], baselineDown[0], null, null));
                client.terminate(connection);
            }
        }
        String table = table(rows);
        System.out.println(table);
        reporter.publishEntry("end-to-end benchmark", table);
        for (Row row : rows) {
            assertTrue(row.up().iperf3().bytesReceived() > 0 && row.down().iperf3().bytesReceived() > 0,
                    "iperf3 moved data both ways through " + row.chain());
        }
    }

    /** iperf3 from client 1 to the corporate server; the CPU time of each of {@code pids} meanwhile. */
    private GatewayCost[] measure(EndToEndNetwork network, long ticks, boolean reverse, String label, long... pids)
            throws IOException, InterruptedException {
        Duration[] before = new Duration[pids.length];
        for (int i = 0; i < pids.length; i++) {
            before[i] = ProcessCpu.of(pids[i], ticks);
        }
        Iperf3Result result;
        Path report = work.resolve("iperf3-" + label + (reverse ? "-R" : "") + ".json");
        try (Iperf3Run run = Iperf3Run.start(network.inClient(1), EndToEndNetwork.CORPORATE, SECONDS, reverse, report)) {
            result = run.await();
        }
        GatewayCost[] costs = new GatewayCost[pids.length];
        for (int i = 0; i < pids.length; i++) {
            costs[i] = new GatewayCost(label + (reverse ? " down" : " up"), result,
                    ProcessCpu.of(pids[i], ticks).minus(before[i]));
        }
        return costs;
    }

    private static void awaitNoSas(StrongSwanClient client) throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!client.listSas().ikeSas().isEmpty() && System.nanoTime() < deadline) {
            Logs.pause();
        }
        assertTrue(client.listSas().ikeSas().isEmpty(), "the gateway's SIGTERM deleted the client's SAs");
    }

    /**
     * A veth pair from the server namespace to the corporate one, with forwarding on: the strongSwan server's clients
     * reach 198.19.0.0/24 over it, and the corporate namespace routes the pool back. The namespaces take it with them.
     */
    private static void linkServerToCorporate(EndToEndNetwork network) throws IOException {
        String server = network.swan().serverNamespace();
        String corporate = network.corporateNamespace();
        String suffix = corporate.substring(corporate.length() - 6);
        String serverDevice = "qzb" + suffix;
        String corporateDevice = "qzk" + suffix;
        for (List<String> command : List.of(
                List.of("ip", "link", "add", serverDevice, "netns", server, "type", "veth", "peer", "name", corporateDevice,
                        "netns", corporate),
                List.of("ip", "-n", server, "addr", "add", SERVER_SIDE + "/30", "dev", serverDevice),
                List.of("ip", "-n", corporate, "addr", "add", CORPORATE_SIDE + "/30", "dev", corporateDevice),
                List.of("ip", "-n", server, "link", "set", serverDevice, "up"),
                List.of("ip", "-n", corporate, "link", "set", corporateDevice, "up"),
                List.of("ip", "-n", server, "route", "replace", EndToEndNetwork.SPLIT_ROUTE, "via", CORPORATE_SIDE),
                List.of("ip", "-n", corporate, "route", "replace", "198.18.2.0/24", "via", SERVER_SIDE),
                List.of("ip", "netns", "exec", server, "sysctl", "-qw", "net.ipv4.ip_forward=1"))) {
            Scripts.Result result = Scripts.command(LIMIT, Map.of(), command);
            assertEquals(0, result.exitCode(), String.join(" ", command) + ":\n" + result.output());
        }
    }

    private static String table(List<Row> rows) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%n| chain | up Mbit/s | down Mbit/s | gateway CPU s/GB up | down | emulator CPU s/GB up | down |%n"
                        + "|---|---|---|---|---|---|---|%n"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.2f | %s | %s |%n", row.chain(),
                    row.up().megabitsPerSecond(), row.down().megabitsPerSecond(), row.up().cpuSecondsPerGigabyte(),
                    row.down().cpuSecondsPerGigabyte(), perGigabyte(row.emulatorUp()), perGigabyte(row.emulatorDown())));
        }
        return text.toString();
    }

    private static String perGigabyte(GatewayCost cost) {
        return cost == null ? "-" : String.format(Locale.ROOT, "%.2f", cost.cpuSecondsPerGigabyte());
    }
}
