package dev.quetzal.plugin.rawudp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw-udp frontend and backend in a gateway built from JSON: packets both ways (IPv4 per
 * RFC 791 §3.1, IPv6 per RFC 8200 §3), a malformed first datagram dropped and counted, and
 * datagrams from anyone but the peer refused.
 */
final class RawUdpGatewayTest {
    private static final byte[] V4_OUT = HexFormat.of().parseHex("4500001c000100004011000064400002c612000a" + "0400003500080000");
    private static final byte[] V4_IN = HexFormat.of().parseHex("4500001c0002000040110000c612000a64400002" + "0035040000080000");
    private static final byte[] V6_OUT = HexFormat.of().parseHex("6000000000083a40" + "20010db8000000000000000000000002"
            + "20010db8000000000000000000000099" + "8000000000010001");

    @TempDir
    Path folder;

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    private static int freePort() throws IOException {
        try (DatagramSocket socket = socket()) {
            return socket.getLocalPort();
        }
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private int start(DatagramSocket network, int backendPort) throws Exception {
        int frontendPort = freePort();
        LoadedConfig config = GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "raw-udp", "listen": "127.0.0.1:%d"}],
                  "backend": {"type": "raw-udp", "peer": "127.0.0.1:%d", "bind": "127.0.0.1:%d",
                              "addresses": ["198.18.0.2"], "dnsSuffixes": ["corp.example"]},
                  "status": {"enabled": false}
                }
                """.formatted(frontendPort, network.getLocalPort(), backendPort), Map.of());
        gateway = GatewayModule.createGateway(config);
        gateway.start();
        return frontendPort;
    }

    @Test
    void carriesIpv4AndIpv6BothWays() throws Exception {
        try (DatagramSocket client = socket(); DatagramSocket network = socket()) {
            int backendPort = freePort();
            int frontendPort = start(network, backendPort);
            InetSocketAddress frontend = new InetSocketAddress("127.0.0.1", frontendPort);
            InetSocketAddress backend = new InetSocketAddress("127.0.0.1", backendPort);

            client.send(new DatagramPacket(V4_OUT, V4_OUT.length, frontend));
            assertArrayEquals(V4_OUT, receive(network));
            network.send(new DatagramPacket(V4_IN, V4_IN.length, backend));
            assertArrayEquals(V4_IN, receive(client));

            try (DatagramSocket client6 = socket()) {
                client6.send(new DatagramPacket(V6_OUT, V6_OUT.length, frontend));
                assertArrayEquals(V6_OUT, receive(network));
            }
            RawUdpFrontend frontendComponent = (RawUdpFrontend) gateway.components().getLast().component();
            assertEquals(2, frontendComponent.sessions().size());
            assertEquals(2L, frontendComponent.status().get("receivedPackets"));
            assertEquals((long) V4_OUT.length + V6_OUT.length, frontendComponent.status().get("receivedBytes"));
        }
    }

    @Test
    void dropsMalformedFirstDatagramsAndStrangersAtTheBackend() throws Exception {
        try (DatagramSocket client = socket(); DatagramSocket network = socket(); DatagramSocket stranger = socket()) {
            int backendPort = freePort();
            int frontendPort = start(network, backendPort);
            client.send(new DatagramPacket(new byte[] {0x45, 0}, 2, new InetSocketAddress("127.0.0.1", frontendPort)));
            stranger.send(new DatagramPacket(V4_IN, V4_IN.length, new InetSocketAddress("127.0.0.1", backendPort)));
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> receive(client));
            RawUdpFrontend frontend = (RawUdpFrontend) gateway.components().getLast().component();
            assertEquals(1L, frontend.status().get("malformed"));
            assertEquals(0, frontend.sessions().size());
            RawUdpBackend backend = (RawUdpBackend) gateway.components().getFirst().component();
            assertEquals(1L, backend.status().get("foreign"));
        }
    }

    @Test
    void peerPortZeroIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "raw-udp", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "raw-udp", "peer": "127.0.0.1:0"}}
                """, Map.of()));
        assertTrue(e.getMessage().endsWith("$.backend.peer: expected a port 1..65535, got 0"), e.getMessage());
    }
}
