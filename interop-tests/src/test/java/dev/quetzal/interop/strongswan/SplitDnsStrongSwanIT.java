package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split routing with a real strongSwan client (issue 6, acceptance "strongSwan interop"): Quetzal with the
 * {@code ikev2} frontend, the {@code tun} backend (whose uplink DNS server is a dnsmasq in the server namespace)
 * and the {@code split-dns} filter for {@code app.corp.example}. strongSwan asks for 0.0.0.0/0 and gets the
 * resolved address; when the name's address changes in dnsmasq, Quetzal re-resolves it after its short TTL and
 * pushes the new selectors with a CREATE_CHILD_SA of its own (RFC 7296 §1.3.3, §2.9): strongSwan's installed
 * selectors follow without any client action, and the old address leaves after TTL and grace. Root only.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class SplitDnsStrongSwanIT {
    private static final int IKE_PORT = 500;
    private static final String DNS_SERVER = "198.18.1.53";
    private static final String DOMAIN = "corp.example";
    private static final String NAME = "app.corp.example";
    private static final IpAddress FIRST = IpAddress.parse("198.18.1.20");
    private static final IpAddress SECOND = IpAddress.parse("198.18.1.21");
    private static final int TTL_SECONDS = 2;
    private static final String DEVICE = "qzsplit0";
    /**
     * The gateway's address as the network behind the device sees it: the source of the filter's own DNS
     * queries. Routed into the device rather than put on it, so that dnsmasq's answers go back through Quetzal.
     */
    private static final String UPLINK_ADDRESS = "198.18.3.1";
    /** TTL 2 s (above the 1 s floor), then re-resolution, the push and strongSwan's install: well inside this. */
    private static final Duration NEW_ADDRESS_LIMIT = Duration.ofSeconds(12);
    /** max(TTL, floor) + grace = 2 s + 2 s, plus the push. */
    private static final Duration OLD_ADDRESS_LIMIT = Duration.ofSeconds(12);
    private static final Duration PING_LIMIT = Duration.ofSeconds(10);
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    private static final CertificateKey KEY = CertificateKey.ECDSA_P256;
    /** The client connection that asks for 0.0.0.0/0: Quetzal narrows it to the route set (RFC 7296 §2.9). */
    private static final String CONNECTION = SUITE.fullTunnelConnection(KEY);

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §1.3.3, §2.9, issue 6 acceptance: after a tunnel domain's address changes in DNS,"
            + " strongSwan's installed selectors (swanctl --list-sas) hold the new address without any client action,"
            + " and the old one leaves after TTL and grace")
    void selectorsFollowTheDnsRecord() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), KEY).getFirst();
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                HostsFileDns dns = HostsFileDns.start(topology, DNS_SERVER, DOMAIN, NAME, FIRST.toString(), TTL_SECONDS);
                QuetzalServer server = new QuetzalServer(topology)) {
            for (IpAddress host : List.of(FIRST, SECOND)) {
                assertTrue(topology.runInServer(PING_LIMIT, "ip", "addr", "add", host + "/32", "dev", "lo").succeeded());
            }
            server.start(QuetzalServer.config(pki, SUITE, IKE_PORT, null, """
                    {"type": "tun", "device": "%s", "addresses": ["%s"], "dnsServers": ["%s"]}""".formatted(DEVICE,
                    UPLINK_ADDRESS, DNS_SERVER), """
                    {"type": "split-dns", "tunnelDomains": ["%s"], "ttlFloor": "1s", "grace": "2s",
                     "otherQueries": "refuse"}""".formatted(NAME)));
            routeIntoDevice(topology);
            try (StrongSwanClient client = StrongSwanClient.start(topology, work.resolve("pki"), IKE_PORT)) {
                String initiated = client.initiate(CONNECTION);
                assertTrue(initiated.contains("CHILD_SA " + CONNECTION + "{"), initiated);
                long ikeSa = client.listSas().established(CONNECTION).orElseThrow().uniqueId();

                // Quetzal resolves the tunnel domain when the uplink comes up; the client may have connected first.
                SwanctlSas.ChildSa first = awaitChild(client, ts -> SwanctlSas.covers(ts, FIRST),
                        NEW_ADDRESS_LIMIT, "the resolved address " + FIRST, server);
                assertFalse(first.remoteTs().contains("0.0.0.0/0"), "split, not full tunnel: " + first.remoteTs());
                ping(topology, FIRST);

                long changed = System.nanoTime();
                dns.change(SECOND.toString());
                SwanctlSas.ChildSa pushed = awaitChild(client, ts -> SwanctlSas.covers(ts, SECOND),
                        NEW_ADDRESS_LIMIT, "the new address " + SECOND, server);
                double newSeconds = (System.nanoTime() - changed) / 1e9;
                SwanctlSas.ChildSa settled = awaitChild(client, ts -> !SwanctlSas.covers(ts, FIRST),
                        OLD_ADDRESS_LIMIT, "the old address " + FIRST + " gone", server);
                double oldSeconds = (System.nanoTime() - changed) / 1e9;
                assertTrue(SwanctlSas.covers(settled.remoteTs(), SECOND), settled.remoteTs().toString());
                assertTrue(pushed.uniqueId() > first.uniqueId(), "a new CHILD SA carries the new selectors");
                assertEquals(ikeSa, client.listSas().established(CONNECTION).orElseThrow().uniqueId(),
                        "the same IKE SA: the client neither reconnected nor re-authenticated");
                ping(topology, SECOND);
                System.out.printf(Locale.ROOT, "strongSwan selectors after the DNS change: %s (new address after %.1f s,"
                        + " old gone after %.1f s)%n", settled.remoteTs(), newSeconds, oldSeconds);
                client.terminate(CONNECTION);
            } finally {
                server.stop();
            }
        }
    }

    /**
     * The tun backend's device up, with the client pool and the uplink address routed into it (what {@code
     * "configure": true} would do, except that it would put the uplink address on the device as a local one).
     */
    private static void routeIntoDevice(SwanTopology topology) throws IOException {
        for (List<String> command : List.of(List.of("ip", "link", "set", "dev", DEVICE, "up"),
                List.of("ip", "route", "replace", "198.18.2.0/24", "dev", DEVICE),
                List.of("ip", "route", "replace", UPLINK_ADDRESS + "/32", "dev", DEVICE))) {
            Scripts.Result result = topology.runInServer(PING_LIMIT, command.toArray(String[]::new));
            assertEquals(0, result.exitCode(), String.join(" ", command) + ":\n" + result.output());
        }
    }

    /** Polls {@code swanctl --list-sas} until the connection's installed CHILD SA's remote selectors match. */
    private static SwanctlSas.ChildSa awaitChild(StrongSwanClient client, Predicate<List<String>> wanted,
            Duration limit, String what, QuetzalServer server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        SwanctlSas.ChildSa last = null;
        while (System.nanoTime() < deadline) {
            last = client.listSas().established(CONNECTION).flatMap(ike -> ike.installedChild(CONNECTION)).orElse(null);
            if (last != null && wanted.test(last.remoteTs())) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("strongSwan's selectors never showed " + what + " within " + limit + "; last: "
                + (last == null ? "no installed CHILD SA" : last.remoteTs()) + "\n--- Quetzal log:\n" + server.tail());
    }

    private static void ping(SwanTopology topology, IpAddress address) throws IOException {
        Scripts.Result ping = topology.runInClient(PING_LIMIT, "ping", "-c", "2", "-i", "0.2", "-W", "2", address.toString());
        assertEquals(0, ping.exitCode(), "ping " + address + " through the tunnel failed:\n" + ping.output());
    }
}
