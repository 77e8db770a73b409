package dev.quetzal.interop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.interop.strongswan.InteropPki;
import dev.quetzal.interop.strongswan.Iperf3Run;
import dev.quetzal.interop.strongswan.Scripts;
import dev.quetzal.interop.strongswan.StrongSwanClient;
import dev.quetzal.interop.strongswan.StrongSwanInstall;
import dev.quetzal.interop.strongswan.SwanctlSas;
import dev.quetzal.interop.tun.DnsLookup;
import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway end to end as users run it (issue 7 item 4), on one {@link EndToEndNetwork}: strongSwan clients →
 * Quetzal (ikev2 + split-dns + nat64/DNS64 + fortivpn, NAPT) → the FortiGate emulator in TUN mode → real corporate
 * servers. The checks run in order on the same network; the last one stops the gateway. Linux and root only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class EndToEndIT {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);
    private static final Duration SA_WAIT = Duration.ofSeconds(10);
    private static final int IPERF3_SECONDS = 10;
    /** Long enough after the cut for TCP's retransmission backoff (RFC 6298 §5.5) to find the tunnel back. */
    private static final int CUT_RUN_SECONDS = 12;
    /** When the cut comes, seconds into the run: iperf3 is at full speed by then. */
    private static final long CUT_AFTER_MILLIS = 2500;
    /** Reconnect backoff (1 s) plus TLS, login-free tunnel request and TCP's retransmission: recovered by then. */
    private static final double RECOVERED_WITHIN_SECONDS = 4;
    private static final String PAGE_TITLE = "Quetzal corporate intranet";
    /** A name outside the tunnel domains: no query for it may reach the corporate DNS server. */
    private static final String OUTSIDE_NAME = "www.example.net";
    /** RFC 6052 §2.2: 198.19.0.10 embedded in the /96 Pref64 as its last 32 bits. */
    private static final String SYNTHESIZED = EndToEndNetwork.PREF64 + "c613:a";
    private static final Pattern NAMESERVER = Pattern.compile("(?m)^nameserver\\s+(\\S+)");
    private static final Pattern SESSIONS = Pattern.compile("^ok sessions (\\d+)((?: \\S+)*)$");
    private static final Pattern PING_RECEIVED = Pattern.compile("(\\d+) (?:packets )?received");

    private Path work;

    private EndToEndNetwork network;
    private String dnsServer;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bringUp(@TempDir Path folder) throws Exception {
        work = folder;
        Scripts scripts = StrongSwanInstall.requiredScripts();
        for (String[] program : new String[][] {{"python3", "python3"}, {"dnsmasq", "dnsmasq-base"},
                {"curl", "curl"}, {"getent", "libc-bin"}}) {
            InteropEnvironment.requireProgram(program[0], program[1]);
        }
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), EndToEndNetwork.KEY).getFirst();
        network = EndToEndNetwork.start(scripts, work, pki);
        for (int number = 1; number <= 2; number++) {
            String initiated = network.client(number).initiate(EndToEndNetwork.connection());
            assertTrue(initiated.contains("CHILD_SA " + EndToEndNetwork.connection() + "{"), initiated);
        }
    }

    @AfterAll
    void tearDown() throws IOException {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("issue 7 item 4, RFC 7296 §3.15.1, RFC 6147 §5.1, RFC 7915: curl fetches http://intranet.corp.example/"
            + " by name with the DNS server the gateway handed out; the name resolves to the DNS64-synthesized AAAA and"
            + " the page travels IPv6 client → NAT64 → IPv4 corporate network")
    void curlByNameThroughDns64AndNat64() throws Exception {
        String resolvConf = Files.readString(network.resolvConf(1));
        Matcher nameserver = NAMESERVER.matcher(resolvConf);
        assertTrue(nameserver.find(), () -> "charon's resolve plugin wrote the INTERNAL_IP4_DNS server:\n" + resolvConf
                + "\n" + network.diagnostics());
        dnsServer = nameserver.group(1);
        assertEquals(EndToEndNetwork.CORPORATE, dnsServer, "the FortiGate's DNS server, passed on by the gateway");

        Scripts.Result lookup = network.runInClient(1, COMMAND_LIMIT, "getent", "ahostsv6", EndToEndNetwork.INTRANET_NAME);
        assertEquals(0, lookup.exitCode(), () -> lookup.output() + "\n" + network.diagnostics());
        assertEquals(IpAddress.parse(SYNTHESIZED), IpAddress.parse(lookup.output().strip().split("\\s+")[0]),
                "the synthesized AAAA, not the corporate 2001:db8:c0::10 (dns64.exclude): " + lookup.output());

        long requestsBefore = Logs.count(network.corporateLog("http"), "\"GET / ");
        Scripts.Result page = network.runInClient(1, COMMAND_LIMIT, "curl", "-6", "-sS", "--max-time", "10",
                "http://" + EndToEndNetwork.INTRANET_NAME + "/");
        assertEquals(0, page.exitCode(), () -> page.output() + "\n" + network.diagnostics());
        assertTrue(page.output().contains(PAGE_TITLE), page.output());
        List<String> requests = httpRequesters();
        assertEquals(requestsBefore + 1, requests.size(), "one request reached the corporate server: " + requests);
        assertTrue(requests.getLast().startsWith("198.19.1."),
                "it arrived over IPv4 from the FortiVPN address (NAT64, then NAPT): " + requests.getLast());
    }

    @Test
    @Order(2)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("issue 7 item 4, RFC 8598 §3.1: a name outside the tunnel domains is refused by the gateway"
            + " (split-dns otherQueries) and never reaches the corporate DNS server; an address outside the route set"
            + " is not in strongSwan's installed selectors (RFC 7296 §2.9)")
    void outsideNamesAndAddressesStayOutOfTheTunnel() throws Exception {
        String server = dnsServer == null ? EndToEndNetwork.CORPORATE : dnsServer;
        DnsLookup.Answer answer = DnsLookup.queryA(network.inClient(1), server, OUTSIDE_NAME);
        assertEquals(5, answer.rcode(), "REFUSED (RFC 1035 §4.1.1): " + answer);
        assertTrue(answer.addresses().isEmpty(), answer.toString());
        DnsLookup.Answer inside = DnsLookup.queryA(network.inClient(1), server, EndToEndNetwork.INTRANET_NAME);
        assertEquals(0, inside.rcode(), inside.toString());

        List<String> queries = Logs.lines(network.corporateLog("dns"));
        assertTrue(queries.stream().anyMatch(l -> l.contains(EndToEndNetwork.INTRANET_NAME)),
                "dnsmasq logs the queries it gets (the tunnel's): " + queries);
        assertFalse(queries.stream().anyMatch(l -> l.contains("example.net")), "never saw " + OUTSIDE_NAME + ": " + queries);

        SwanctlSas.ChildSa child = installedChild(network.client(1));
        for (String outside : List.of("198.18.0.1", "198.19.7.7", "192.0.2.1")) {
            assertFalse(SwanctlSas.covers(child.remoteTs(), IpAddress.parse(outside)),
                    outside + " outside the routes: " + child.remoteTs());
        }
        for (String inside2 : List.of(EndToEndNetwork.INTRANET, SYNTHESIZED)) {
            assertTrue(SwanctlSas.covers(child.remoteTs(), IpAddress.parse(inside2)),
                    inside2 + " inside the routes: " + child.remoteTs());
        }
        assertFalse(child.remoteTs().contains("0.0.0.0/0"), "split, not full tunnel: " + child.remoteTs());
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("issue 7 item 4: iperf3 runs 10 s each way between a strongSwan client and the corporate iperf3"
            + " server through the whole chain")
    void iperf3EachWay() throws Exception {
        List<String> rates = new ArrayList<>();
        for (boolean reverse : new boolean[] {false, true}) {
            Iperf3Result result;
            try (Iperf3Run run = Iperf3Run.start(network.inClient(1), EndToEndNetwork.CORPORATE, IPERF3_SECONDS, reverse,
                    work.resolve("iperf3" + (reverse ? "-R" : "") + ".json"))) {
                result = await(run);
            }
            assertTrue(result.bytesReceived() > 0, result.toString());
            rates.add(String.format(Locale.ROOT, "%s %.0f Mbit/s", reverse ? "corporate → client (-R)"
                    : "client → corporate", result.megabitsPerSecond()));
        }
        System.out.println("iperf3 through strongSwan → Quetzal → emulator (" + IPERF3_SECONDS + " s each): "
                + String.join(", ", rates));
    }

    @Test
    @Order(4)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("issue 7 items 1 and 4: two strongSwan clients at once each get their own inner address, both curl"
            + " and ping at the same time, and the FortiGate sees one session with one address (NAPT)")
    void twoClientsAtOnce() throws Exception {
        List<String> inner = new ArrayList<>();
        for (int number = 1; number <= 2; number++) {
            SwanctlSas.ChildSa child = installedChild(network.client(number));
            inner.add(child.localTs().stream().filter(ts -> !ts.contains(":")).findFirst().orElseThrow(
                    () -> new AssertionError("an IPv4 virtual address: " + child.localTs())));
            assertTrue(child.localTs().stream().anyMatch(ts -> ts.contains(":")), "and an IPv6 one: " + child.localTs());
        }
        assertNotEquals(inner.get(0), inner.get(1), "each client its own inner address");

        long requestsBefore = Logs.count(network.corporateLog("http"), "\"GET / ");
        List<CompletableFuture<Scripts.Result>> runs = new ArrayList<>();
        for (int number = 1; number <= 2; number++) {
            runs.add(inBackground(number, "curl", "-6", "-sS", "--max-time", "10",
                    "http://" + EndToEndNetwork.INTRANET_NAME + "/"));
            runs.add(inBackground(number, "ping", "-n", "-c", "3", "-i", "0.2", "-w", "10", EndToEndNetwork.CORPORATE));
        }
        for (CompletableFuture<Scripts.Result> run : runs) {
            Scripts.Result result = run.get(30, TimeUnit.SECONDS);
            assertEquals(0, result.exitCode(), () -> result.output() + "\n" + network.diagnostics());
        }
        for (int i = 0; i < runs.size(); i += 2) {
            assertTrue(runs.get(i).get().output().contains(PAGE_TITLE), runs.get(i).get().output());
            Matcher received = PING_RECEIVED.matcher(runs.get(i + 1).get().output());
            assertTrue(received.find() && Integer.parseInt(received.group(1)) == 3, runs.get(i + 1).get().output());
        }

        List<String> requests = httpRequesters();
        List<String> latest = requests.subList((int) requestsBefore, requests.size());
        assertEquals(2, latest.size(), "both requests reached the corporate server: " + requests);
        assertEquals(latest.get(0), latest.get(1), "from one address (NAPT): " + latest);
        Matcher sessions = SESSIONS.matcher(network.emulator().control("sessions", COMMAND_LIMIT));
        assertTrue(sessions.matches(), sessions.toString());
        assertEquals("1", sessions.group(1), "one FortiVPN session for both devices");
        assertEquals(latest.get(0), sessions.group(2).strip(), "the session's address is the one the server saw");
    }

    @Test
    @Order(5)
    @Timeout(value = 50, unit = TimeUnit.SECONDS)
    @DisplayName("issue 7 item 4, fortivpn reconnect: the FortiGate resets the TLS connection during iperf3; Quetzal"
            + " reconnects with the same cookie (no new login), the clients' IKE SAs stay up and iperf3 ends"
            + " without error, with data after the cut")
    void cutDuringIperf3Recovers() throws Exception {
        long[] ikeIds = {ikeSa(network.client(1)).uniqueId(), ikeSa(network.client(2)).uniqueId()};
        int tunnelsUp = Logs.count(network.quetzal().log(), "tunnel up: address");
        Path report = work.resolve("iperf3-cut.json");
        Iperf3Result result;
        double cutAt;
        try (Iperf3Run run = Iperf3Run.start(network.inClient(1), EndToEndNetwork.CORPORATE, CUT_RUN_SECONDS, false,
                report)) {
            long started = System.nanoTime();
            Thread.sleep(CUT_AFTER_MILLIS);
            assertEquals("ok cut-tunnels", network.emulator().control("cut-tunnels", COMMAND_LIMIT));
            cutAt = (System.nanoTime() - started) / 1e9;
            result = await(run);
        }
        Iperf3Intervals intervals = Iperf3Intervals.parse(Files.readString(report));
        long after = intervals.bytesFrom(cutAt + RECOVERED_WITHIN_SECONDS);
        assertTrue(after > 0, () -> "data after the cut at " + cutAt + " s: " + intervals + "\n" + network.diagnostics());
        Logs.await(network.quetzal().log(), "tunnel up: address", tunnelsUp + 1, SA_WAIT, network::diagnostics);
        assertTrue(Logs.count(network.quetzal().log(), "reusing session cookie") >= 1, network.diagnostics());
        String stats = network.emulator().control("stats", COMMAND_LIMIT);
        assertTrue(stats.contains(" logins=1 "), "no second login: " + stats);
        assertFalse(stats.contains(" reconnects=0 "), "the tunnel came back on the same session: " + stats);
        for (int number = 1; number <= 2; number++) {
            assertEquals(ikeIds[number - 1], ikeSa(network.client(number)).uniqueId(),
                    "client " + number + " kept its IKE SA (no reconnect, no re-authentication)");
        }
        Scripts.Result ping = network.runInClient(2, COMMAND_LIMIT, "ping", "-n", "-c", "2", "-i", "0.2", "-w", "10",
                EndToEndNetwork.CORPORATE);
        assertEquals(0, ping.exitCode(), () -> "the other client works after the cut:\n" + ping.output());
        System.out.printf(Locale.ROOT, "iperf3 with a TLS cut at %.1f s: %.0f Mbit/s over %d s, %.1f MB after %.1f s%n",
                cutAt, result.megabitsPerSecond(), CUT_RUN_SECONDS, after / 1e6, cutAt + RECOVERED_WITHIN_SECONDS);
    }

    @Test
    @Order(6)
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    @DisplayName("issue 7 item 4, RFC 7296 §1.4.1: SIGTERM to the gateway deletes the clients' IKE SAs (strongSwan"
            + " logs the DELETE, swanctl --list-sas is empty), logs out of the FortiGate (GET /remote/logout) and"
            + " Quetzal exits 0")
    void sigtermDeletesSasAndLogsOut() throws Exception {
        network.quetzal().stop();
        assertEquals(0, network.quetzal().lastExitCode(), network::diagnostics);
        for (int number = 1; number <= 2; number++) {
            StrongSwanClient client = network.client(number);
            long deadline = System.nanoTime() + SA_WAIT.toNanos();
            while (!client.listSas().ikeSas().isEmpty() && System.nanoTime() < deadline) {
                Logs.pause();
            }
            assertTrue(client.listSas().ikeSas().isEmpty(), "client " + number + ": " + client.listSas());
            assertTrue(Logs.count(client.log(), "received DELETE for IKE_SA") >= 1,
                    "client " + number + "'s charon logged the DELETE:\n" + Logs.tail(client.log(), 20));
        }
        assertTrue(Logs.count(network.quetzal().log(), "logged out of") >= 1, network.diagnostics());
        String stats = network.emulator().control("stats", COMMAND_LIMIT);
        assertTrue(stats.endsWith(" logouts=1"), "the emulator served one GET /remote/logout: " + stats);
        String emulator = network.emulator().output();
        assertTrue(emulator.contains("ended: logout"), "the emulator logged the session's logout:\n" + emulator);
    }

    private SwanctlSas.IkeSa ikeSa(StrongSwanClient client) throws IOException {
        return client.listSas().established(EndToEndNetwork.connection())
                .orElseThrow(() -> new AssertionError("no established IKE SA\n" + network.diagnostics()));
    }

    private SwanctlSas.ChildSa installedChild(StrongSwanClient client) throws IOException {
        return ikeSa(client).installedChild(EndToEndNetwork.connection())
                .orElseThrow(() -> new AssertionError("no installed CHILD SA\n" + network.diagnostics()));
    }

    private Iperf3Result await(Iperf3Run run) throws InterruptedException {
        try {
            return run.await();
        } catch (IOException e) {
            throw new AssertionError("iperf3 failed: " + e.getMessage() + "\n" + network.diagnostics(), e);
        }
    }

    private CompletableFuture<Scripts.Result> inBackground(int client, String... command) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return network.runInClient(client, COMMAND_LIMIT, command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    /** The source address of each request in the corporate HTTP server's log (python's http.server), in order. */
    private List<String> httpRequesters() throws IOException {
        return Logs.lines(network.corporateLog("http")).stream().filter(l -> l.contains("\"GET / "))
                .map(l -> l.split(" ", 2)[0]).toList();
    }
}
