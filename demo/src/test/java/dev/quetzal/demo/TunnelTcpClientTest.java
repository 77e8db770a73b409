package dev.quetzal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.network.TcpSegment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo's TCP client over inner packets, against the emulator's HTTP responder (issue 7 item 2). */
final class TunnelTcpClientTest {
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: intranet.corp.example\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    @DisplayName("RFC 9293 §3.5, §3.6: handshake, request, the whole response until FIN, our FIN acknowledged (IPv4)")
    void fetchIpv4() throws Exception {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        byte[] response = new TunnelTcpClient(tunnel, IpAddress.parse("198.18.1.2"), 40080,
                IpAddress.parse("198.18.0.10"), 80).exchange(GET, LIMIT);
        TunnelSteps.Page page = TunnelSteps.page(response);
        assertEquals("HTTP/1.1 200 OK", page.statusLine());
        assertEquals("Quetzal corporate intranet", page.title());
        assertEquals(0, tunnel.network.http().connections(), "both FINs acknowledged: the server forgot it");
        assertEquals(4, tunnel.sent, "SYN, ACK, request, FIN+ACK: nothing sent twice");
    }

    @Test
    @DisplayName("RFC 9293 §3.5 over IPv6 (RFC 8200 §8.1 checksums)")
    void fetchIpv6() throws Exception {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        byte[] response = new TunnelTcpClient(tunnel, IpAddress.parse("2001:db8:1::2"), 40080,
                IpAddress.parse("2001:db8:c0::10"), 80).exchange(GET, LIMIT);
        assertTrue(new String(response, StandardCharsets.UTF_8).startsWith("HTTP/1.1 200 OK\r\n"));
    }

    @Test
    @DisplayName("RFC 9293 §3.8: a lost SYN and a lost request are sent again")
    void retransmits() throws Exception {
        AtomicInteger syns = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        NetworkTunnel tunnel = new NetworkTunnel(packet -> {
            TcpSegment segment = TcpSegment.read(packet, 0, 20, packet.length - 20);
            if (segment.has(TcpSegment.SYN)) {
                return syns.incrementAndGet() == 1;
            }
            return segment.dataLength() > 0 && requests.incrementAndGet() == 1;
        });
        byte[] response = new TunnelTcpClient(tunnel, IpAddress.parse("198.18.1.2"), 40081,
                IpAddress.parse("198.18.0.10"), 80).exchange(GET, LIMIT);
        assertEquals("HTTP/1.1 200 OK", TunnelSteps.page(response).statusLine());
        assertEquals(2, syns.get());
        assertEquals(2, requests.get());
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.1: a reset to our SYN (no server on the port) fails at once")
    void refused() {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        IOException e = assertThrows(IOException.class, () -> new TunnelTcpClient(tunnel,
                IpAddress.parse("198.18.1.2"), 40082, IpAddress.parse("198.18.0.10"), 8080).exchange(GET, LIMIT));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(1, tunnel.sent);
    }
}
