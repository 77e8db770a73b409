package dev.quetzal.emulator.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.NetworkNamespace;
import dev.quetzal.tun.testing.TestPackets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The emulator's TUN corporate network with the servers of {@code interop/corporate-netns.sh}: the
 * test plays a tunnel client at 198.18.1.5 / 2001:db8:1::5, writes hand-built packets with
 * {@code fromClient} and checks what the kernel and the servers in the namespace send back through
 * the ClientSink. Root only (see LinuxRoot); the namespace is always taken down.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class TunCorporateNetworkInteropTest {
    private static final String CLIENT_V4 = "198.18.1.5";
    private static final String CLIENT_V6 = "2001:db8:1::5";
    private static final String CORP_V4 = "198.18.0.1";
    private static final String CORP_V6 = "2001:db8:c0::1";
    private static final String INTRANET_V4 = "198.18.0.10";
    private static final String INTRANET_V6 = "2001:db8:c0::10";
    private static final int CLIENT_PORT = 40053;
    private static final long REPLY_WAIT_SECONDS = 10;

    /** Copies of the packets the network handed to the clients (the sink's array is reused). */
    private final BlockingQueue<byte[]> toClients = new LinkedBlockingQueue<>();
    private final String device = NetworkNamespace.randomName("qze", 4);
    private final String netns = NetworkNamespace.randomName("qze-", 4);
    private final CorporateNetnsScript script = new CorporateNetnsScript(netns, device);
    private TunCorporateNetwork network;

    @BeforeEach
    void up() throws IOException {
        LinuxRoot.assumeRoot();
        network = new TunCorporateNetwork(device);
        network.start((packet, offset, length) -> {
            byte[] copy = Arrays.copyOfRange(packet, offset, offset + length);
            if (TestPackets.parse(copy, 0, copy.length).filter(p -> p.isEchoReply(0x0bad, 1)).isPresent()) {
                throw new IllegalStateException("a sink that refuses one packet");
            }
            toClients.add(copy);
        });
        Commands.Result up = script.up();
        assertEquals(0, up.exitCode(), up.output());
    }

    @AfterEach
    void down() throws IOException {
        if (network == null) {
            return;
        }
        network.close();
        Commands.Result down = script.down();
        assertEquals(0, down.exitCode(), down.output());
        assertFalse(NetworkNamespace.exists(netns), netns + " deleted");
    }

    private void send(byte[] packet) {
        network.fromClient(packet, 0, packet.length);
    }

    /** The first packet back for the client that {@code match} maps to a value, within the bounded wait. */
    private <T> T awaitReply(Function<TestPackets.Parsed, Optional<T>> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLY_WAIT_SECONDS);
        for (long left = REPLY_WAIT_SECONDS * 1_000_000_000L; left > 0; left = deadline - System.nanoTime()) {
            byte[] packet = toClients.poll(left, TimeUnit.NANOSECONDS);
            if (packet == null) {
                break;
            }
            Optional<T> value = TestPackets.parse(packet, 0, packet.length).flatMap(match);
            if (value.isPresent()) {
                return value.get();
            }
        }
        throw new AssertionError("no reply within " + REPLY_WAIT_SECONDS + " s; counters " + network.counters());
    }

    private TestPackets.Parsed awaitEchoReply(int identifier, int sequence) throws InterruptedException {
        return awaitReply(p -> p.isEchoReply(identifier, sequence) ? Optional.of(p) : Optional.empty());
    }

    private DnsMessages.Response ask(int id, String name, int type) throws InterruptedException {
        send(TestPackets.udp(CLIENT_V4, CLIENT_PORT, CORP_V4, 53, DnsMessages.query(id, name, type)));
        return awaitReply(p -> p.udpData(53, CLIENT_PORT).map(DnsMessages::parse).filter(r -> r.id() == id));
    }

    @Test
    @DisplayName("RFC 792: echo requests from the client to 198.18.0.1 and 198.18.0.10 are answered through the sink")
    void pingsTheCorporateAddresses() throws InterruptedException {
        assertEquals(device, network.deviceName());
        send(TestPackets.echoRequest(CLIENT_V4, CORP_V4, 0x0e01, 1, "corp".getBytes()));
        TestPackets.Parsed reply = awaitEchoReply(0x0e01, 1);
        assertEquals(TestPackets.literal(CORP_V4), reply.source());
        assertEquals(TestPackets.literal(CLIENT_V4), reply.destination());

        send(TestPackets.echoRequest(CLIENT_V4, INTRANET_V4, 0x0e01, 2, "intranet".getBytes()));
        assertEquals(TestPackets.literal(INTRANET_V4), awaitEchoReply(0x0e01, 2).source());
        assertEquals(2, network.counters().fromClients());
    }

    @Test
    @DisplayName("RFC 4443 §4.1-4.2: an ICMPv6 echo request from 2001:db8:1::5 to 2001:db8:c0::1 is answered")
    void pingsTheCorporateIpv6Address() throws InterruptedException {
        send(TestPackets.echoRequest(CLIENT_V6, CORP_V6, 0x0e06, 1, "corp6".getBytes()));
        TestPackets.Parsed reply = awaitEchoReply(0x0e06, 1);
        assertEquals(TestPackets.literal(CORP_V6), reply.source());
        assertEquals(TestPackets.literal(CLIENT_V6), reply.destination());
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: dnsmasq on 198.18.0.1 answers intranet.corp.example authoritatively (A and AAAA)")
    void resolvesTheIntranetName() throws InterruptedException {
        DnsMessages.Response a = ask(0x5101, "intranet.corp.example", DnsMessages.TYPE_A);
        assertTrue(a.response() && a.authoritative(), "QR and AA set");
        assertEquals(0, a.rcode());
        assertEquals(1, a.answers().size());
        assertEquals(DnsMessages.TYPE_A, a.answers().getFirst().type());
        assertArrayEquals(TestPackets.literal(INTRANET_V4).getAddress(), a.answers().getFirst().data());

        DnsMessages.Response aaaa = ask(0x5102, "intranet.corp.example", DnsMessages.TYPE_AAAA);
        assertTrue(aaaa.authoritative());
        assertEquals(DnsMessages.TYPE_AAAA, aaaa.answers().getFirst().type());
        assertArrayEquals(TestPackets.literal(INTRANET_V6).getAddress(), aaaa.answers().getFirst().data());
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: a name of corp.example that does not exist is an authoritative NXDOMAIN (RCODE 3)")
    void unknownCorporateNameIsNxdomain() throws InterruptedException {
        DnsMessages.Response none = ask(0x5103, "nothere.corp.example", DnsMessages.TYPE_A);
        assertTrue(none.authoritative());
        assertEquals(3, none.rcode());
        assertTrue(none.answers().isEmpty());
    }

    @Test
    @DisplayName("RFC 791 §3.1: malformed client packets and a throwing sink are counted; traffic goes on")
    void malformedPacketsAndSinkFailuresAreCounted() throws InterruptedException {
        byte[] truncated = TestPackets.echoRequest(CLIENT_V4, CORP_V4, 0x0e02, 1, new byte[16]);
        network.fromClient(truncated, 0, 30);
        network.fromClient(new byte[] {0x70, 1, 2, 3}, 0, 4);
        send(TestPackets.echoRequest(CLIENT_V4, CORP_V4, 0x0bad, 1, new byte[4]));
        send(TestPackets.echoRequest(CLIENT_V4, CORP_V4, 0x0e02, 2, new byte[4]));
        // The kernel answers in order and one thread delivers, so 0x0bad's reply was delivered first.
        awaitEchoReply(0x0e02, 2);
        TunNetworkCounters counters = network.counters();
        assertEquals(2, counters.malformed());
        assertEquals(1, counters.failedDeliveries());
        assertEquals(2, counters.fromClients());
        assertEquals(0, counters.failedWrites());
    }

    @Test
    @DisplayName("the script: a second up changes nothing, HTTP serves the index, down stops exactly its PIDs")
    void scriptIsIdempotentAndStopsWhatItStarted() throws IOException {
        List<Long> pids = List.of(script.pid("http"), script.pid("dns"), script.pid("iperf3"));
        Commands.Result again = script.up();
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("http already running (pid " + pids.get(0) + ")"), again.output());
        assertEquals(pids, List.of(script.pid("http"), script.pid("dns"), script.pid("iperf3")));

        String page = Commands.run("ip", "netns", "exec", netns, "python3", "-c",
                "import urllib.request; print(urllib.request.urlopen('http://" + CORP_V4 + "/', timeout=5).read().decode())");
        assertTrue(page.contains("Quetzal corporate intranet"), page);

        Commands.Result down = script.down();
        assertEquals(0, down.exitCode(), down.output());
        for (long pid : pids) {
            assertFalse(inNamespaceStill(pid), "pid " + pid + " stopped");
        }
        assertFalse(Files.exists(script.stateFolder()));
        assertFalse(NetworkNamespace.exists(netns));
        Commands.Result downAgain = script.down();
        assertEquals(0, downAgain.exitCode(), downAgain.output());
    }

    /** Whether the process still has a network namespace: gone, or a zombie (which has none), says stopped. */
    private static boolean inNamespaceStill(long pid) {
        try {
            Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
