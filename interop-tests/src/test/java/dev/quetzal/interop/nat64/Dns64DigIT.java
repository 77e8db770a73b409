package dev.quetzal.interop.nat64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.plugin.nat64.Nat64Config;
import dev.quetzal.plugin.nat64.Nat64Factory;
import dev.quetzal.plugin.nat64.dns64.Dns64Config;
import dev.quetzal.tun.TunDevice;
import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.NetworkNamespace;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS64 (RFC 6147) with real programs: {@code dig} in a client namespace (IPv6 only, 2001:db8:1::2)
 * asks the Pref64 form of a real dnsmasq that serves corp.example in a second namespace
 * (IPv4 only, 198.18.0.53). Every packet crosses the nat64 filter in this JVM: the client's TUN
 * device is read and its packets go through {@code Nat64Filter.outbound} into the server
 * namespace's TUN device, and back through {@code Nat64Filter.inbound}. Root only; under CI=true
 * missing programs fail the test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class Dns64DigIT {
    private static final IpPrefix PREFIX = IpPrefix.parse("64:ff9b:1::/96");
    private static final String SERVER4 = "198.18.0.53";
    private static final String SERVER6 = "64:ff9b:1::c612:35"; // RFC 6052 §2.2 /96 embedding of 198.18.0.53
    private static final String CLIENT6 = "2001:db8:1::2";
    private static final String CLIENT4 = "198.18.1.2";
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 6147 §5.1.1–5.1.7, §5.3.1, §5.4 and the A-query policy: dig over UDP and TCP through the nat64 filter to dnsmasq")
    void digThroughTheFilterToDnsmasq() throws Exception {
        LinuxRoot.assumeRoot();
        Path dig = InteropEnvironment.requireProgram("dig", "bind9-dnsutils");
        Path dnsmasq = InteropEnvironment.requireProgram("dnsmasq", "dnsmasq-base");
        InteropEnvironment.requireProgram("ip", "iproute2");
        assertTrue(Files.exists(Path.of("/dev/net/tun")), "/dev/net/tun exists (TUN support)");

        try (NetworkNamespace clientNs = NetworkNamespace.create("qzd64c");
                NetworkNamespace serverNs = NetworkNamespace.create("qzd64s")) {
            TunDevice clientTun = TunDevice.open(NetworkNamespace.randomName("qzc", 4));
            TunDevice serverTun = TunDevice.open(NetworkNamespace.randomName("qzs", 4));
            try (FilterPump pump = new FilterPump(clientTun, serverTun,
                    List.of(IpAddress.parse(CLIENT4), IpAddress.parse(CLIENT6)))) {
                clientNs.adopt(clientTun.name());
                serverNs.adopt(serverTun.name());
                clientNs.ip("link", "set", "lo", "up");
                clientNs.ip("link", "set", clientTun.name(), "up");
                clientNs.ip("-6", "addr", "add", CLIENT6 + "/64", "dev", clientTun.name(), "nodad");
                clientNs.ip("-6", "route", "add", PREFIX.toString(), "dev", clientTun.name());
                serverNs.ip("link", "set", "lo", "up");
                serverNs.ip("link", "set", serverTun.name(), "up");
                serverNs.ip("addr", "add", SERVER4 + "/24", "dev", serverTun.name());
                serverNs.ip("route", "add", "198.18.1.0/24", "dev", serverTun.name());

                Process server = startDnsmasq(serverNs, dnsmasq);
                try {
                    awaitDnsmasq(serverNs, dig, server);
                    UplinkInfo uplink = new UplinkInfo(List.of(IpAddress.parse(CLIENT4)), List.of(IpAddress.parse(SERVER4)),
                            List.of("corp.example"), List.of(), 1400);
                    Nat64Config config = new Nat64Config(PREFIX, null, null, null, null,
                            new Dns64Config(null, null, "empty", null, null, Duration.ofSeconds(1)));
                    pump.start(context -> new Nat64Factory().create(config, context), new BackendState.Connected(uplink));
                    checkAnswers(clientNs, dig);
                    assertEquals(0, pump.failures(), "every packet the filter let through was written");
                    assertTrue(pump.outboundPackets() > 0 && pump.inboundPackets() > 0, "packets crossed the filter");
                } finally {
                    server.destroy();
                    if (!server.waitFor(5, TimeUnit.SECONDS)) {
                        server.destroyForcibly();
                    }
                }
            }
        }
    }

    private void checkAnswers(NetworkNamespace clientNs, Path dig) throws IOException {
        // §5.1.6 and §5.1.7: A-only name, synthesized under the prefix; TTL = min(A TTL 3600, 600) without an SOA.
        for (String transport : new String[] {"+notcp", "+tcp"}) {
            DigOutput v4only = dig(clientNs, dig, transport, "v4only.corp.example", "AAAA");
            assertEquals("NOERROR", v4only.status(), v4only.text());
            assertEquals(List.of("64:ff9b:1::a00:10a"), v4only.data("AAAA"), transport + "\n" + v4only.text());
            assertEquals(600, v4only.ofType("AAAA").getFirst().ttl(), "min(A TTL, 600) " + transport + "\n" + v4only.text());

            // §5.1.1: a real AAAA passes; no synthesized record next to it.
            DigOutput dual = dig(clientNs, dig, transport, "dual.corp.example", "AAAA");
            assertEquals(List.of("2001:db8:5::20"), dual.data("AAAA"), transport + "\n" + dual.text());
        }

        // §5.1.7: an A TTL below the bound wins.
        DigOutput shortTtl = dig(clientNs, dig, "+notcp", "short.corp.example", "AAAA");
        assertEquals(List.of("64:ff9b:1::a00:10b"), shortTtl.data("AAAA"), shortTtl.text());
        assertEquals(60, shortTtl.ofType("AAAA").getFirst().ttl(), shortTtl.text());

        // §5.1.5: CNAME to an A-only name: the chain, then the synthesized AAAA of its end.
        DigOutput alias = dig(clientNs, dig, "+notcp", "alias.corp.example", "AAAA");
        assertEquals(List.of("v4only.corp.example."), alias.data("CNAME"), alias.text());
        assertEquals(List.of("64:ff9b:1::a00:10a"), alias.data("AAAA"), alias.text());
        assertEquals("v4only.corp.example.", alias.ofType("AAAA").getFirst().name(), alias.text());

        // §5.1.2: NXDOMAIN as is.
        DigOutput gone = dig(clientNs, dig, "+notcp", "gone.corp.example", "AAAA");
        assertEquals("NXDOMAIN", gone.status(), gone.text());
        assertTrue(gone.answers().isEmpty(), gone.text());

        // aQueries "empty": an A query for the suffix gets NOERROR with no address.
        DigOutput aQuery = dig(clientNs, dig, "+notcp", "v4only.corp.example", "A");
        assertEquals("NOERROR", aQuery.status(), aQuery.text());
        assertTrue(aQuery.answers().isEmpty(), aQuery.text());

        // §5.3.1: PTR for a synthesized address: CNAME to in-addr.arpa, and dnsmasq's PTR for it.
        DigOutput ptr = dig(clientNs, dig, "+notcp", "-x", "64:ff9b:1::a00:10a");
        assertEquals(List.of("10.1.0.10.in-addr.arpa."), ptr.data("CNAME"), ptr.text());
        assertEquals(List.of("v4only.corp.example."), ptr.data("PTR"), ptr.text());

        // §5.4: 30 synthesized records do not fit 512 bytes: TC=1 over UDP without EDNS; all of them over TCP.
        DigOutput big = dig(clientNs, dig, "+noedns", "+ignore", "many.corp.example", "AAAA");
        assertTrue(big.truncated(), big.text());
        DigOutput bigTcp = dig(clientNs, dig, "+tcp", "many.corp.example", "AAAA");
        assertEquals(30, bigTcp.data("AAAA").size(), bigTcp.text());
    }

    private static DigOutput dig(NetworkNamespace ns, Path dig, String... query) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), dig.toString(), "@" + SERVER6,
                "+time=3", "+tries=2", "+nocookie"));
        command.addAll(List.of(query));
        Commands.Result result = Commands.runAllowingFailure(COMMAND_WAIT, command);
        assertEquals(0, result.exitCode(), () -> String.join(" ", command) + "\n" + result.output());
        return DigOutput.parse(result.output());
    }

    /**
     * dnsmasq serving corp.example from its own records (--local: other names NXDOMAIN), TTL 3600
     * unless a record says otherwise. Its NODATA answers carry no SOA, so the synthesized TTL is
     * min(A TTL, 600); the SOA bound is checked by Dns64UdpTest.ttlRule.
     */
    private Process startDnsmasq(NetworkNamespace ns, Path dnsmasq) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), dnsmasq.toString(),
                "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=",
                "--user=root", "--listen-address=" + SERVER4, "--bind-interfaces", "--log-facility=-", "--log-queries",
                "--local=/corp.example/", "--local-ttl=3600",
                "--host-record=v4only.corp.example,10.0.1.10",
                "--host-record=short.corp.example,10.0.1.11,60",
                "--host-record=dual.corp.example,10.0.1.20,2001:db8:5::20",
                "--cname=alias.corp.example,v4only.corp.example"));
        for (int i = 1; i <= 30; i++) {
            command.add("--host-record=many.corp.example,10.0.2." + i);
        }
        File log = work.resolve("dnsmasq.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Bounded: dnsmasq answers inside its own namespace within ten one-second tries. */
    private void awaitDnsmasq(NetworkNamespace ns, Path dig, Process server) throws IOException {
        for (int attempt = 0; attempt < 10 && server.isAlive(); attempt++) {
            Commands.Result result = Commands.runAllowingFailure(COMMAND_WAIT, List.of("ip", "netns", "exec", ns.name(),
                    dig.toString(), "@" + SERVER4, "+time=1", "+tries=1", "v4only.corp.example", "A"));
            if (result.exitCode() == 0 && result.output().contains("10.0.1.10")) {
                return;
            }
        }
        throw new AssertionError("dnsmasq did not answer:\n"
                + Files.readString(work.resolve("dnsmasq.log"), StandardCharsets.UTF_8));
    }
}
