package dev.quetzal.plugin.fortivpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import dev.quetzal.fortivpn.ppp.PppSettings;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.service.DefaultScheduler;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One tunnel against a fake FortiGate on plain TCP: the tunnel request (notes §4), PPP with the server's
 * own requests (notes §9), IP both ways, and each way a tunnel ends (refusal, bad frame, Terminate in
 * both directions, echo timeout; notes §5, §7).
 */
@Timeout(30)
final class TunnelTest {
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final DefaultPacketBufferPool pool = new DefaultPacketBufferPool(256, 128, 2048, metrics.global());
    private final TunnelCounters counters = new TunnelCounters(metrics.forComponent("fortivpn"));
    private final MpscArrayQueue<PacketBuffer> queue = new MpscArrayQueue<>(1024);
    private final DefaultScheduler scheduler = new DefaultScheduler();
    private final BlockingQueue<byte[]> fromNetwork = new LinkedBlockingQueue<>();
    private final CompletableFuture<NetworkParameters> up = new CompletableFuture<>();
    private final CompletableFuture<String> down = new CompletableFuture<>();
    private FakeTunnelServer server;
    private Tunnel tunnel;

    @AfterEach
    void stop() throws IOException {
        if (tunnel != null) {
            tunnel.abort("test over");
            tunnel.awaitStopped(Duration.ofSeconds(5));
        }
        if (server != null) {
            server.close();
        }
        scheduler.close();
    }

    static byte[] ipv4(int id, int length) {
        byte[] packet = new byte[length];
        packet[0] = 0x45;
        packet[2] = (byte) (length >> 8);
        packet[3] = (byte) length;
        packet[4] = (byte) (id >> 8);
        packet[5] = (byte) id;
        packet[8] = 64;
        packet[9] = 17;
        System.arraycopy(new byte[] {(byte) 198, 18, 1, 7, (byte) 198, 18, 0, 10}, 0, packet, 12, 8);
        return packet;
    }

    private Tunnel open(FakeTunnelServer fake, PppSettings settings, PacketRouter router) throws IOException {
        server = fake;
        Socket socket = new Socket(fake.address().getAddress(), fake.address().getPort());
        HttpConnection connection = new HttpConnection(socket, socket, "sslvpn");
        connection.write(HttpRequest.get("/remote/sslvpn-tunnel").withHeader("Cookie", "SVPNCOOKIE=x"));
        tunnel = new Tunnel("test", connection, settings, 0x1234abcd, queue, pool, router, TimeSource.SYSTEM, scheduler,
                counters, new Tunnel.Events() {
                    @Override
                    public void up(Tunnel t, NetworkParameters parameters) {
                        up.complete(parameters);
                    }

                    @Override
                    public void down(Tunnel t, Tunnel.End end, String reason) {
                        down.complete(end + ": " + reason);
                    }
                });
        tunnel.start();
        return tunnel;
    }

    private PacketRouter collecting() {
        return new PacketRouter() {
            @Override
            public void fromClient(dev.quetzal.api.frontend.ClientSession session, PacketBuffer packet) {
                packet.release();
            }

            @Override
            public void fromNetwork(PacketBuffer packet) {
                fromNetwork.add(packet.toByteArray());
                packet.release();
            }

            @Override
            public Attachment attach(dev.quetzal.api.frontend.ClientSession session) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static PppSettings client() {
        return PppSettings.client(FakeTunnelServer.CLIENT).mru(1400).requestDns(true).build();
    }

    private void send(byte[] packet) {
        PacketBuffer buffer = pool.acquire();
        buffer.append(packet, 0, packet.length);
        assertTrue(queue.offer(buffer));
        tunnel.wake();
    }

    @DisplayName("notes §4, §9: the tunnel request, LCP and IPCP (DNS by Nak), then IPv4 both ways in order")
    @Test
    void negotiatesAndCarriesPackets() throws Exception {
        open(new FakeTunnelServer(null, true), client(), collecting());
        NetworkParameters parameters = up.get(10, TimeUnit.SECONDS);
        assertEquals("GET /remote/sslvpn-tunnel HTTP/1.1", server.requestLine);
        assertEquals(FakeTunnelServer.CLIENT, parameters.localAddress());
        assertEquals(FakeTunnelServer.DNS, parameters.dnsServers().getFirst());
        assertEquals(1400, tunnel.mtu());
        for (int i = 0; i < 300; i++) {
            send(ipv4(i, 60 + i));
        }
        for (int i = 0; i < 300; i++) {
            byte[] got = server.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "packet " + i);
            assertArrayEquals(ipv4(i, 60 + i), got);
        }
        for (int i = 0; i < 50; i++) {
            server.sendIpv4(ipv4(1000 + i, 100));
        }
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(ipv4(1000 + i, 100), fromNetwork.poll(5, TimeUnit.SECONDS));
        }
        assertEquals(300, counters.packetsOut());
        assertEquals(50, counters.packetsIn());
        assertTrue(tunnel.describe().contains("IPCP"), tunnel.describe());
    }

    @DisplayName("notes §4: an HTTP answer to the tunnel request is a refusal showing its status line")
    @Test
    void refusal() throws Exception {
        open(new FakeTunnelServer("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nForbidden", true), client(), collecting());
        assertEquals("REFUSED: the FortiGate refused the tunnel: HTTP/1.1 403 Forbidden", down.get(10, TimeUnit.SECONDS));
        assertTrue(tunnel.awaitStopped(Duration.ofSeconds(5)));
    }

    @DisplayName("notes §5: a frame with a bad magic closes the tunnel, counted as malformed, no exception escapes")
    @Test
    void badMagic() throws Exception {
        open(new FakeTunnelServer(null, true), client(), collecting());
        up.get(10, TimeUnit.SECONDS);
        server.write(new byte[] {0, 10, 0x12, 0x34, 0, 4, 0, 0x21, 0x45, 0});
        String reason = down.get(10, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("DROPPED: malformed frames from the FortiGate"), reason);
        assertEquals(1, counters.dropMalformedIn.value());
    }

    @DisplayName("notes §7: the server's Terminate-Request is acked and ends the tunnel with its reason")
    @Test
    void serverTerminates() throws Exception {
        open(new FakeTunnelServer(null, true), client(), collecting());
        up.get(10, TimeUnit.SECONDS);
        server.terminate("session timeout");
        String reason = down.get(10, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("PEER_TERMINATED: the FortiGate ended the tunnel") && reason.contains("session timeout"),
                reason);
        assertTrue(server.down.await(5, TimeUnit.SECONDS));
        assertEquals(PppEndpoint.LinkDownReason.LOCAL_TERMINATE, server.downReason, "the Terminate-Ack reached the server");
    }

    @DisplayName("notes §7: our Terminate-Request is acked, then the connection closes in order")
    @Test
    void clientTerminates() throws Exception {
        open(new FakeTunnelServer(null, true), client(), collecting());
        up.get(10, TimeUnit.SECONDS);
        tunnel.terminate("quetzal is stopping", Duration.ofSeconds(5));
        assertTrue(down.get(1, TimeUnit.SECONDS).startsWith("LOCAL"));
        assertTrue(server.down.await(5, TimeUnit.SECONDS));
        assertEquals(PppEndpoint.LinkDownReason.PEER_TERMINATE, server.downReason);
    }

    @DisplayName("notes §7 DPD: echoes unanswered for interval x (failures + 1) end the tunnel as dropped")
    @Test
    void echoTimeout() throws Exception {
        PppSettings settings = PppSettings.client(FakeTunnelServer.CLIENT).requestDns(true)
                .echo(Duration.ofMillis(300), 2).build();
        open(new FakeTunnelServer(null, false), settings, collecting());
        up.get(10, TimeUnit.SECONDS);
        String reason = down.get(15, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("DROPPED: the FortiGate stopped answering LCP echoes"), reason);
    }

    @DisplayName("writer: packets too big for the MTU, non-IP packets and packets of a closed family are dropped and counted")
    @Test
    void writerDrops() throws Exception {
        open(new FakeTunnelServer(null, true), client(), collecting());
        up.get(10, TimeUnit.SECONDS);
        send(ipv4(1, 1401));
        send(new byte[] {0x10, 1, 2, 3});
        byte[] v6 = new byte[40];
        v6[0] = 0x60;
        send(v6);
        send(ipv4(2, 1400));
        assertArrayEquals(ipv4(2, 1400), server.received.poll(5, TimeUnit.SECONDS));
        assertEquals(1, counters.dropOversizeOut.value());
        assertEquals(1, counters.dropMalformedOut.value());
        assertEquals(1, counters.dropDown.value());
    }

    @DisplayName("the closed tunnel's reason text mentions nothing but the reason")
    @Test
    void eofIsADrop() throws Exception {
        open(new FakeTunnelServer(null, true), client(), collecting());
        up.get(10, TimeUnit.SECONDS);
        server.cut();
        String reason = down.get(10, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("DROPPED: "), reason);
        assertTrue(reason.getBytes(StandardCharsets.UTF_8).length < 200);
    }
}
