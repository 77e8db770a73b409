package dev.quetzal.plugin.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.NetworkNamespace;
import dev.quetzal.tun.testing.TestPackets;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole gateway built from JSON: the raw-udp frontend (one client on loopback, inner address
 * 198.18.211.2 from the pool 198.18.211.0/24) and the tun backend, whose device the test moves into
 * a network namespace as 198.18.210.1/24 with a route back to the pool. The client's ICMP echo
 * (RFC 792) goes frontend, router, device, kernel; the kernel's reply comes back through the device,
 * the router and the client's session. Root only, see {@link LinuxRoot}; the namespace is always deleted.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class TunGatewayRootTest {
    private static final String NETWORK = "198.18.210.1";
    private static final String CLIENT = "198.18.211.2";

    @TempDir
    Path folder;

    private Gateway gateway;
    private NetworkNamespace namespace;

    @BeforeEach
    void root() {
        LinuxRoot.assumeRoot();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (gateway != null) {
                gateway.stop();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    @Test
    @DisplayName("RFC 792: a client's echo request crosses the gateway into the namespace and its reply comes back")
    void clientPingsTheNetworkBehindTheDevice() throws Exception {
        String device = NetworkNamespace.randomName("qzpt", 4);
        LoadedConfig config = GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "raw-udp", "listen": "127.0.0.1:0"}],
                  "backend": {"type": "tun", "device": "%s", "addresses": ["%s"],
                              "routes": ["198.18.210.0/24"], "dnsSuffixes": ["lab.example"]},
                  "addressPool": {"ipv4": "198.18.211.0/24"},
                  "status": {"enabled": false}
                }
                """.formatted(device, NETWORK), Map.of());
        gateway = GatewayModule.createGateway(config);
        gateway.start();

        namespace = NetworkNamespace.create("qzpt");
        namespace.adopt(device);
        namespace.ip("addr", "add", NETWORK + "/24", "dev", device);
        namespace.ip("link", "set", "dev", device, "up");
        namespace.ip("route", "add", "198.18.211.0/24", "dev", device);

        TunBackend backend = (TunBackend) gateway.components().getFirst().component();
        assertInstanceOf(BackendState.Connected.class, backend.state());
        assertEquals(List.of(Route.include(IpPrefix.parse("198.18.210.0/24"), "tun")),
                gateway.services().routes().current().routes());

        String listen = String.valueOf(gateway.components().getLast().component().status().get("listen"));
        int frontendPort = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(10_000);
            byte[] data = "through the gateway".getBytes(StandardCharsets.US_ASCII);
            byte[] request = TestPackets.echoRequest(CLIENT, NETWORK, 0x7157, 1, data);
            client.send(new DatagramPacket(request, request.length, new InetSocketAddress("127.0.0.1", frontendPort)));

            TestPackets.Parsed reply = receiveEchoReply(client, 0x7157, 1);
            assertEquals(TestPackets.literal(NETWORK), reply.source());
            assertEquals(TestPackets.literal(CLIENT), reply.destination());
            assertArrayEquals(data, Arrays.copyOfRange(reply.payload(), 8, reply.payload().length));
        }
        // The backend counts a write after the device took it, and the kernel may answer before that: poll, bounded.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Long.valueOf(1).equals(backend.status().get("outboundPackets")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Map<String, Object> status = backend.status();
        assertEquals(1L, status.get("outboundPackets"));
        assertTrue((Long) status.get("inboundPackets") >= 1, status.toString());
        assertEquals(device, status.get("device"));

        gateway.stop();
        gateway = null;
        assertEquals(new BackendState.Disconnected("stopped"), backend.state());
        assertEquals(List.of(), namespace.ip("-o", "link", "show", "type", "tun").lines().toList(),
                "stopping the gateway deleted the interface");
    }

    private static TestPackets.Parsed receiveEchoReply(DatagramSocket client, int identifier, int sequence)
            throws Exception {
        for (int i = 0; i < 20; i++) {
            DatagramPacket datagram = new DatagramPacket(new byte[2048], 2048);
            client.receive(datagram);
            Optional<TestPackets.Parsed> parsed = TestPackets.parse(datagram.getData(), 0, datagram.getLength());
            if (parsed.isPresent() && parsed.get().isEchoReply(identifier, sequence)) {
                return parsed.get();
            }
        }
        return fail("20 datagrams without the echo reply");
    }
}
