package dev.quetzal.interop.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.interop.openconnect.OpenConnectRun;
import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's command in TUN mode with OpenConnect 9.01 in TUN mode (fortivpn-protocol.md §11,
 * command line B), end to end through real servers: the emulator's TUN device is moved into a
 * corporate namespace where corporate-netns.sh runs HTTP, dnsmasq and iperf3 on 198.18.0.1, and the
 * client namespace reaches them only through the tunnel. Root only: under CI=true it must run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class EmulatorTunModeIT {
    private static final String CORPORATE = "198.18.0.1";
    private static final String INTRANET = "198.18.0.10";
    private static final String CLIENT_POOL = "198.18.1.";
    private static final String SPLIT_ROUTE = "198.18.0.0/24";
    private static final Duration EMULATOR_LIMIT = Duration.ofSeconds(58);
    private static final Duration OPENCONNECT_LIMIT = Duration.ofSeconds(50);
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) (?:packets )?received");

    @TempDir
    Path work;

    @Test
    @DisplayName("fortivpn-protocol.md §11 (TUN mode, quirks 7, 11, 12) and §12: ping, HTTP, DNS and iperf3 from"
            + " OpenConnect's namespace through the emulator's TUN corporate network; clean stops")
    void openConnectReachesTheCorporateServersThroughTheEmulator(TestReporter reporter) throws Exception {
        LinuxRoot.assumeRoot();
        Path openconnect = InteropEnvironment.requireProgram("openconnect", "openconnect");
        for (String[] program : new String[][] {{"ip", "iproute2"}, {"ss", "iproute2"}, {"timeout", "coreutils"},
                {"python3", "python3"}, {"dnsmasq", "dnsmasq-base"}, {"iperf3", "iperf3"}, {"curl", "curl"},
                {"ping", "iputils-ping"}}) {
            InteropEnvironment.requireProgram(program[0], program[1]);
        }
        assertTrue(Files.exists(Path.of("/dev/net/tun")), "/dev/net/tun exists (TUN support)");
        String password = NetworkNamespace.randomName("pw-", 12);

        try (TunModeTopology topology = TunModeTopology.create()) {
            // The emulator in the client namespace; it prints its URL and pin once it listens.
            EmulatorProcess emulator = topology.startEmulator(writeConfig(topology.corporateDevice(), password),
                    work, EMULATOR_LIMIT);
            Optional<EmulatorProcess.Facts> started = emulator.awaitFacts(START_WAIT);
            assertTrue(started.isPresent(), () -> "the emulator printed its URL and pin\n" + emulator.output());
            EmulatorProcess.Facts facts = started.get();
            assertTrue(facts.url().startsWith("https://127.0.0.1:"), facts.url());

            Commands.Result up = topology.corporateUp();
            assertEquals(0, up.exitCode(), () -> up.output() + "\n" + emulator.output());

            // OpenConnect in TUN mode; vpnc-min.sh sets the address and the split route only.
            OpenConnectRun client = OpenConnectRun.start(topology.inClient(), openconnect, work, OPENCONNECT_LIMIT,
                    List.of("--servercert", facts.pin(), "-u", "alice", "--passwd-on-stdin", "-m", "1400",
                            "--interface", topology.clientDevice(),
                            "--script", "/bin/sh " + InteropEnvironment.interopDir().resolve("openconnect/vpnc-min.sh")),
                    facts.url(), password + "\n", null, Map.of());
            topology.attach(client);
            Map<String, String> tunnel = client.awaitFile("vpnc-connect.env", START_WAIT).map(EmulatorTunModeIT::keyValues)
                    .orElseThrow(() -> new AssertionError("vpnc-min.sh configured the tunnel\n" + client.output()
                            + "\n" + emulator.output()));
            assertEquals("connect", tunnel.get("reason"));
            assertEquals(topology.clientDevice(), tunnel.get("device"));
            assertTrue(tunnel.get("address").startsWith(CLIENT_POOL), "address from the pool: " + tunnel);
            assertEquals(SPLIT_ROUTE, tunnel.get("route"), "the XML's split-tunnel include");
            assertEquals(CORPORATE, tunnel.get("dns"), "the XML's DNS server");
            String route = topology.runInClient(COMMAND_WAIT, "ip", "route", "get", CORPORATE).output();
            assertTrue(route.contains("dev " + topology.clientDevice()), "routed through the tunnel: " + route);

            checkTraffic(topology, reporter, () -> client.output() + "\n" + emulator.output());

            // One SIGTERM to openconnect (quirk 12): it logs out and exits 0; then the emulator.
            int openconnectExit = topology.stopOpenConnect();
            assertEquals(0, openconnectExit, client::output);
            int emulatorExit = topology.stopEmulator();
            assertEquals(0, emulatorExit, emulator::output);
            Commands.Result down = topology.corporateDown();
            assertEquals(0, down.exitCode(), down.output());
            topology.deleteNamespaces();
            assertFalse(NetworkNamespace.exists(topology.clientNamespace()), topology.clientNamespace() + " deleted");
            assertFalse(NetworkNamespace.exists(topology.corporateNamespace()),
                    topology.corporateNamespace() + " deleted");
        }
    }

    /** What the client namespace reaches through the tunnel: ICMP, HTTP, DNS and TCP both ways. */
    private void checkTraffic(TunModeTopology topology, TestReporter reporter,
            Supplier<String> logs) throws IOException {
        // RFC 792: -w bounds the whole run; replies lost while PPP settles are retried within it.
        Commands.Result ping = topology.runInClient(COMMAND_WAIT, "ping", "-n", "-c", "3", "-i", "0.2", "-w", "10",
                CORPORATE);
        assertEquals(0, ping.exitCode(), () -> ping.output() + "\n" + logs.get());
        Matcher received = RECEIVED.matcher(ping.output());
        assertTrue(received.find(), ping.output());
        assertEquals(3, Integer.parseInt(received.group(1)), ping.output());

        Commands.Result page = topology.runInClient(COMMAND_WAIT, "curl", "-sS", "--max-time", "10",
                "http://" + CORPORATE + "/");
        assertEquals(0, page.exitCode(), () -> page.output() + "\n" + logs.get());
        assertTrue(page.output().contains("Quetzal corporate intranet"), page.output());

        // RFC 1035 §4.1.1: dnsmasq answers authoritatively for corp.example.
        DnsLookup.Answer dns = DnsLookup.queryA(topology.inClient(), CORPORATE, "intranet.corp.example");
        assertEquals(0, dns.rcode(), dns.toString());
        assertTrue(dns.authoritative(), dns.toString());
        assertEquals(List.of(INTRANET), dns.addresses(), dns.toString());

        Iperf3Result upload = iperf3(topology, logs);
        Iperf3Result download = iperf3(topology, logs, "-R");
        assertTrue(upload.bytesReceived() > 0, upload.toString());
        assertTrue(download.bytesReceived() > 0, download.toString());
        String figures = String.format("iperf3 through the emulator's tunnel (3 s each): client to corporate %.1f Mbit/s,"
                + " corporate to client (-R) %.1f Mbit/s", upload.megabitsPerSecond(), download.megabitsPerSecond());
        System.out.println(figures);
        reporter.publishEntry("iperf3.upload.mbps", String.format("%.1f", upload.megabitsPerSecond()));
        reporter.publishEntry("iperf3.download.mbps", String.format("%.1f", download.megabitsPerSecond()));
    }

    private static Iperf3Result iperf3(TunModeTopology topology, Supplier<String> logs,
            String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("iperf3", "-c", CORPORATE, "-t", "3", "-J",
                "--connect-timeout", "5000"));
        command.addAll(List.of(extra));
        Commands.Result run = topology.runInClient(COMMAND_WAIT, command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), () -> String.join(" ", command) + ":\n" + run.output() + "\n" + logs.get());
        return Iperf3Result.parse(run.output());
    }

    /** The emulator's JSON config: TUN network on {@code device}, ephemeral port, one user, a split route. */
    private Path writeConfig(String device, String password) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("listen", "127.0.0.1:0");
        ObjectNode user = root.putArray("users").addObject();
        user.put("username", "alice");
        user.put("password", password);
        ObjectNode tunnel = root.putObject("tunnel");
        tunnel.putArray("dnsServers").add(CORPORATE);
        tunnel.put("dnsSuffix", "corp.example");
        tunnel.putArray("splitInclude").add(SPLIT_ROUTE);
        tunnel.put("serverMru", 0);
        ObjectNode network = root.putObject("network");
        network.put("mode", "tun");
        network.put("tunDevice", device);
        Path config = work.resolve("emulator.json");
        Files.writeString(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return config;
    }

    private static Map<String, String> keyValues(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
