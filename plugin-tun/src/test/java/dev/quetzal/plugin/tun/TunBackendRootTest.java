package dev.quetzal.plugin.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.NetworkNamespace;
import dev.quetzal.tun.testing.TestPackets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backend on a real TUN device (Documentation/networking/tuntap.rst) whose other side is the
 * kernel's IPv4 stack in a network namespace the test creates: the device is opened in the test's
 * namespace and then moved, as {@code ip link set DEV netns} allows without disturbing the open
 * descriptor. ICMP echo (RFC 792) sent through the backend is answered by the kernel and comes back
 * through the reader to the router. Root only, see {@link LinuxRoot}; the namespace is always deleted.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class TunBackendRootTest {
    private static final String NETWORK = "198.18.210.1";
    private static final String CLIENT = "198.18.211.2";
    private static final IpPrefix POOL = IpPrefix.parse("198.18.211.0/24");

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** The device of this test; JUnit makes a new instance, so a new name and context, for each test. */
    private final String name = NetworkNamespace.randomName("qzpt", 4);
    private final TestBackendContext context = new TestBackendContext();

    @BeforeEach
    void root() {
        LinuxRoot.assumeRoot();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Collections.reverse(cleanup);
        Exception first = null;
        for (AutoCloseable resource : cleanup) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private TunBackend backend(TunConfig config, TestBackendContext context, LinkSetup.CommandRunner commands) {
        TunBackend backend = new TunBackend(config, context, commands);
        cleanup.add(backend);
        return backend;
    }

    /** A backend on {@link #name} with configure off, started. */
    private TunBackend started() throws IOException {
        TunBackend backend = backend(config(name), context, noCommands());
        backend.start();
        return backend;
    }

    private static TunConfig config(String device) {
        return new TunConfig(device, List.of(IpAddress.parse(NETWORK)), List.of(IpAddress.parse("198.18.210.53")),
                List.of("lab.example"), List.of(IpPrefix.parse("198.18.210.0/24")), null, null);
    }

    private static LinkSetup.CommandRunner noCommands() {
        return command -> fail("configure is off, yet ran " + command);
    }

    /** Moves the backend's device into a new namespace as 198.18.210.1/24 with a route to the client pool. */
    private NetworkNamespace network(String device) throws IOException {
        NetworkNamespace namespace = NetworkNamespace.create("qzpt");
        cleanup.add(namespace);
        namespace.adopt(device);
        namespace.ip("addr", "add", NETWORK + "/24", "dev", device);
        namespace.ip("link", "set", "dev", device, "up");
        namespace.ip("route", "add", POOL.toString(), "dev", device);
        return namespace;
    }

    private static PacketBuffer pooled(TestBackendContext context, byte[] bytes) {
        PacketBuffer packet = context.pool.acquire();
        packet.append(bytes, 0, bytes.length);
        return packet;
    }

    /** Waits for the router to get the echo reply; other packets (IPv6 chatter) are skipped. */
    private static TestPackets.Parsed awaitReply(TestBackendContext context, int identifier, int sequence)
            throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            byte[] packet = context.fromNetwork.poll(10, TimeUnit.SECONDS);
            assertNotNull(packet, "no packet from the device within 10 s");
            Optional<TestPackets.Parsed> parsed = TestPackets.parse(packet, 0, packet.length);
            if (parsed.isPresent() && parsed.get().isEchoReply(identifier, sequence)) {
                return parsed.get();
            }
        }
        return fail("100 packets from the device without the echo reply");
    }

    private static BackendState awaitState(TestBackendContext context, Class<? extends BackendState> type)
            throws InterruptedException {
        while (true) {
            BackendState state = context.stateEvents.poll(10, TimeUnit.SECONDS);
            assertNotNull(state, "no " + type.getSimpleName() + " state within 10 s");
            if (type.isInstance(state)) {
                return state;
            }
        }
    }

    private static boolean linkExists(NetworkNamespace namespace, String device) throws IOException {
        List<String> command = namespace == null ? List.of("ip", "link", "show", "dev", device)
                : List.of("ip", "-n", namespace.name(), "link", "show", "dev", device);
        return Commands.runAllowingFailure(Duration.ofSeconds(10), command).exitCode() == 0;
    }

    @Test
    @DisplayName("RFC 792: an echo request sent through the backend is answered by the kernel and reaches the router")
    void echoThroughTheKernel() throws Exception {
        TunBackend backend = started();

        Route route = Route.include(IpPrefix.parse("198.18.210.0/24"), "tun");
        assertEquals(List.of(new BackendState.Connecting(1), new BackendState.Connected(new UplinkInfo(
                List.of(IpAddress.parse(NETWORK)), List.of(IpAddress.parse("198.18.210.53")), List.of("lab.example"),
                List.of(route), 1400))), context.states);
        assertEquals(List.of(route), context.routes.get("tun"));
        assertEquals(name, backend.status().get("device"));
        assertEquals(true, backend.status().get("open"));

        NetworkNamespace namespace = network(name);
        byte[] data = "quetzal tun backend".getBytes(StandardCharsets.US_ASCII);
        byte[] request = TestPackets.echoRequest(CLIENT, NETWORK, 0x7154, 1, data);
        backend.send(pooled(context, request));
        TestPackets.Parsed reply = awaitReply(context, 0x7154, 1);

        assertEquals(TestPackets.literal(NETWORK), reply.source());
        assertEquals(TestPackets.literal(CLIENT), reply.destination());
        assertArrayEquals(data, Arrays.copyOfRange(reply.payload(), 8, reply.payload().length));
        assertEquals(1, context.counter(TunCounters.PACKETS, "direction", "outbound"));
        assertEquals(request.length, context.counter(TunCounters.BYTES, "direction", "outbound"));
        assertTrue(context.counter(TunCounters.PACKETS, "direction", "inbound") >= 1);
        assertTrue(context.counter(TunCounters.BYTES, "direction", "inbound") >= request.length);

        int available = context.pool.available();
        backend.close();
        assertEquals(new BackendState.Disconnected("stopped"), backend.state());
        assertEquals(List.of(), context.routes.get("tun"), "close withdraws the routes");
        assertFalse(linkExists(namespace, name), "closing the device deletes the interface");
        assertTrue(context.pool.available() > available, "the reader gave its buffer back");
        backend.send(pooled(context, request));
        assertEquals(1, context.counter(TunCounters.DROPPED, "direction", "outbound", "reason", "not-running"));
        backend.close();
        assertEquals(3, context.states.size(), "a second close publishes nothing");
    }

    @Test
    @DisplayName("RFC 791 §3.1: a packet that is neither IPv4 nor IPv6 is refused by the kernel, counted, and the device goes on")
    void nonIpPacketIsCountedAndTheDeviceGoesOn() throws Exception {
        TunBackend backend = started();
        network(name);

        byte[] notIp = new byte[28];
        notIp[0] = 0x25;
        int available = context.pool.available();
        backend.send(pooled(context, notIp));
        assertEquals(available, context.pool.available(), "a dropped packet goes back to the pool");
        assertEquals(1, context.counter(TunCounters.DROPPED, "direction", "outbound", "reason", "refused"));
        assertEquals(0, context.counter(TunCounters.PACKETS, "direction", "outbound"));

        backend.send(pooled(context, TestPackets.echoRequest(CLIENT, NETWORK, 0x7155, 2, new byte[16])));
        awaitReply(context, 0x7155, 2);
        assertEquals(1, context.counter(TunCounters.PACKETS, "direction", "outbound"));
    }

    @Test
    @DisplayName("a reply longer than a pool buffer is dropped as oversized; the next one arrives")
    void oversizedReplyIsCounted() throws Exception {
        TunBackend backend = started();
        NetworkNamespace namespace = network(name);
        namespace.ip("link", "set", "dev", name, "mtu", "4000");

        // The pool's buffers hold 2048 bytes: a 3000-byte echo cannot be read into one.
        PacketBuffer big = PacketBuffer.allocate(0, 3100);
        byte[] request = TestPackets.echoRequest(CLIENT, NETWORK, 0x7156, 1, new byte[3000]);
        big.append(request, 0, request.length);
        backend.send(big);
        backend.send(pooled(context, TestPackets.echoRequest(CLIENT, NETWORK, 0x7156, 2, new byte[8])));
        awaitReply(context, 0x7156, 2);
        assertEquals(1, context.counter(TunCounters.DROPPED, "direction", "inbound", "reason", "oversized"));
    }

    @Test
    @DisplayName("deleting the namespace deletes the interface: the reader fails, the state names the device, sends drop")
    void deletedInterfaceDisconnects() throws Exception {
        TunBackend backend = started();
        awaitState(context, BackendState.Connected.class);
        NetworkNamespace namespace = network(name);
        namespace.close();

        BackendState.Disconnected down = (BackendState.Disconnected) awaitState(context, BackendState.Disconnected.class);
        assertTrue(down.reason().startsWith("TUN device " + name + " failed: cannot read from TUN device " + name),
                down.reason());
        assertEquals(down, backend.state());
        assertEquals(false, backend.status().get("open"));
        backend.send(pooled(context, TestPackets.echoRequest(CLIENT, NETWORK, 1, 1, new byte[0])));
        assertEquals(1, context.counter(TunCounters.DROPPED, "direction", "outbound", "reason", "not-running"));
        backend.close();
        assertEquals(down, backend.state(), "close keeps the reason it went down");
    }

    @Test
    @DisplayName("configure: ip runs for the name the kernel gave the template, with the pool's range")
    void configureRunsIpForTheKernelsName() throws Exception {
        String template = NetworkNamespace.randomName("qp", 3) + "%d";
        List<List<String>> ran = new CopyOnWriteArrayList<>();
        TunConfig config = new TunConfig(template, List.of(IpAddress.parse(NETWORK)), null, null, null, 1300, true);
        TunBackend backend = backend(config, context, command -> {
            ran.add(command);
            return new LinkSetup.Result(0, "");
        });
        backend.start();
        String device = (String) backend.status().get("device");
        assertTrue(device.matches(template.replace("%d", "[0-9]+")), device);
        assertEquals(LinkSetup.commands(device, 1300, List.of(IpAddress.parse(NETWORK)), List.of(POOL)), ran);
        assertEquals(List.of("ip", "route", "replace", "198.18.211.0/24", "dev", device), ran.getLast());
        assertInstanceOf(BackendState.Connected.class, backend.state());
    }

    @Test
    @DisplayName("configure: when ip fails, start fails with its message, the device is closed and the interface gone")
    void failingConfigureClosesTheDevice() throws Exception {
        TunConfig config = new TunConfig(name, null, null, null, null, null, true);
        TunBackend backend = backend(config, context, command -> new LinkSetup.Result(1, "RTNETLINK answers: nope"));
        IOException e = assertThrows(IOException.class, backend::start);
        assertEquals("configure TUN device " + name + ": `ip link set dev " + name + " mtu 1400 up` exited with 1:"
                + " RTNETLINK answers: nope", e.getMessage());
        assertEquals(new BackendState.Disconnected(e.getMessage()), backend.state());
        assertFalse(linkExists(null, name));
        assertNotEquals(true, backend.status().get("open"));
    }
}
