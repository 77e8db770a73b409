package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend inside a real gateway built from JSON (GatewayHarness, the runtime's test frontend): the
 * uplink state and the FortiGate's split routes reach the runtime, and pings to 198.18.0.10 in the
 * emulator's network go through router, backend, PPP over TLS and back to the client session (RFC 792
 * echo; protocol notes §9). Closing the gateway logs out (notes §7).
 */
@Timeout(60)
final class GatewayPingTest {
    @TempDir
    Path folder;

    private final BackendFixture fixture = new BackendFixture();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        fixture.close();
    }

    /**
     * A client whose inner address is the FortiVPN address (NAPT leaves its packets alone): replies route back
     * to it. It answers echo requests from the network, as a client's own stack would.
     */
    private record TestSession(IpAddress address, BlockingQueue<byte[]> delivered, PacketRouter router,
            dev.quetzal.api.packet.PacketBufferPool pool) implements ClientSession {
        @Override
        public String id() {
            return "test-1";
        }

        @Override
        public String identity() {
            return "tester";
        }

        @Override
        public List<IpAddress> innerAddresses() {
            return List.of(address);
        }

        @Override
        public InetSocketAddress remoteEndpoint() {
            return new InetSocketAddress("127.0.0.1", 9);
        }

        @Override
        public void deliver(PacketBuffer packet) {
            byte[] bytes = packet.toByteArray();
            packet.release();
            byte[] reply = Pings.replyTo(bytes);
            if (reply == null) {
                delivered.add(bytes);
                return;
            }
            PacketBuffer answer = pool.acquire();
            answer.append(reply, 0, reply.length);
            router.fromClient(this, answer);
        }
    }

    @DisplayName("pings to 198.18.0.10 and from the FortiGate through a gateway; uplink state and routes published; logout on stop")
    @Test
    void pingsThroughTheGateway() throws Exception {
        fixture.startEmulator(BackendFixture.alice()
                .tunnel(TunnelSettings.builder().splitInclude(List.of(IpPrefix.parse("198.18.0.0/24"))).build()));
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "fortivpn", "server": "127.0.0.1:%d", "username": "alice",
                             "password": {"env": "FORTI_PASSWORD"}, "tls": {"pins": ["%s"], "systemTrust": false}},
                 "status": {"enabled": false}}
                """.formatted(fixture.emulator().address().getPort(), fixture.emulator().certificatePin()), Map.of("FORTI_PASSWORD", "secret"));
        gateway = GatewayModule.createGateway(config);
        gateway.start();

        CompletableFuture<BackendState.Connected> connected = new CompletableFuture<>();
        gateway.services().uplink().subscribe(state -> {
            if (state instanceof BackendState.Connected c) {
                connected.complete(c);
            }
        });
        IpAddress address = connected.get(10, TimeUnit.SECONDS).uplink().addresses().getFirst();
        assertEquals(List.of(Route.include(IpPrefix.parse("198.18.0.0/24"), "fortivpn")),
                gateway.services().routes().current().routes());

        PacketRouter router = gateway.services().router();
        TestSession session = new TestSession(address, new LinkedBlockingQueue<>(), router, gateway.services().buffers());
        try (PacketRouter.Attachment _ = router.attach(session)) {
            for (int seq = 1; seq <= 3; seq++) {
                byte[] request = Pings.echo(address, FortiVpnBackendTest.INTRANET, 0x7171, seq);
                PacketBuffer buffer = gateway.services().buffers().acquire();
                buffer.append(request, 0, request.length);
                router.fromClient(session, buffer);
                byte[] reply = session.delivered().poll(5, TimeUnit.SECONDS);
                assertNotNull(reply, "no echo reply " + seq);
                assertTrue(Pings.isReply(reply, FortiVpnBackendTest.INTRANET, seq));
            }
            // And the other way: the FortiGate pings the client (notes §12), the session answers.
            assertEquals(3, fixture.emulator().hooks().pingClient(address, 3));
        }
        assertTrue(fixture.emulator().stats().packetsFromClients() >= 3);
        assertTrue(gateway.stop());
        gateway = null;
        assertEquals(1, fixture.emulator().stats().logouts());
    }
}
