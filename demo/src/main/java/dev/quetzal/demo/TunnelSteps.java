package dev.quetzal.demo;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.plugin.ikev2.client.IkeClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the demo's client does through its Child SA: a DNS AAAA query, an ICMPv6 echo and an HTTP GET, each waiting
 * first until the gateway's selectors reach the destination (split routing pushes them after IKE_AUTH), and each
 * sent again every second until answered or out of time.
 */
final class TunnelSteps {
    private static final Duration RESEND = Duration.ofSeconds(1);
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    /** An HTTP response's first line, body size and title. */
    record Page(String statusLine, int bodyLength, String title) {}

    private final IkeClient client;
    private final PacketTunnel tunnel;
    private final Ipv4Address inner4;
    private final Ipv6Address inner6;
    private final Duration limit;
    private long lastNanos;

    TunnelSteps(IkeClient client, Ipv4Address inner4, Ipv6Address inner6, Duration limit) {
        this.client = client;
        this.tunnel = new PacketTunnel() {
            @Override
            public void send(byte[] packet) {
                client.send(packet);
            }

            @Override
            public Optional<byte[]> receive(Duration wait) throws InterruptedException {
                return client.receive(wait);
            }
        };
        this.inner4 = inner4;
        this.inner6 = inner6;
        this.limit = limit;
    }

    /** How long the last step took from its first packet to its answer, in milliseconds (one decimal). */
    String lastMillis() {
        return String.format(java.util.Locale.ROOT, "%.1f", lastNanos / 1e6);
    }

    /** The first AAAA address of {@code name}, asked from {@code server} (RFC 3596 over RFC 1035 §4.2.1 UDP). */
    IpAddress resolve(IpAddress server, String name) throws Exception {
        client.awaitRoute(server, limit);
        IpAddress source = server instanceof Ipv4Address ? inner4 : inner6;
        int port = 40053;
        int id = 0x5157;
        byte[] query = InnerPackets.aaaaQuery(source, port, server, name, id);
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            tunnel.send(query);
            long resend = System.nanoTime() + RESEND.toNanos();
            while (System.nanoTime() < Math.min(resend, deadline)) {
                byte[] packet = tunnel.receive(Duration.ofNanos(Math.max(1, resend - System.nanoTime()))).orElse(null);
                List<IpAddress> answer = packet == null ? null : InnerPackets.aaaaAnswer(packet, port, id);
                if (answer != null) {
                    lastNanos = System.nanoTime() - start;
                    if (answer.isEmpty()) {
                        throw new IOException("no AAAA record in the answer");
                    }
                    return answer.getFirst();
                }
            }
        }
        throw new TimeoutException("no DNS answer within " + limit);
    }

    /** One ICMPv6 echo to {@code target} and its reply (RFC 4443 §4). */
    void ping(Ipv6Address target) throws Exception {
        client.awaitRoute(target, limit);
        int identifier = 0x5157;
        byte[] payload = "quetzal demo ping".getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        for (int sequence = 1; System.nanoTime() < deadline; sequence++) {
            tunnel.send(InnerPackets.echoRequest(inner6, target, identifier, sequence, payload));
            long resend = System.nanoTime() + RESEND.toNanos();
            while (System.nanoTime() < Math.min(resend, deadline)) {
                byte[] packet = tunnel.receive(Duration.ofNanos(Math.max(1, resend - System.nanoTime()))).orElse(null);
                if (packet != null && InnerPackets.isEchoReply(packet, identifier, sequence)) {
                    lastNanos = System.nanoTime() - start;
                    return;
                }
            }
        }
        throw new TimeoutException("no echo reply within " + limit);
    }

    /** GET / from {@code address} port 80 with {@code host} (RFC 9110 §9.3.1, RFC 9112). */
    Page fetch(IpAddress address, String host) throws Exception {
        client.awaitRoute(address, limit);
        IpAddress source = address instanceof Ipv4Address ? inner4 : inner6;
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: quetzal-demo\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        byte[] response = new TunnelTcpClient(tunnel, source, 40080, address, 80).exchange(request, limit);
        lastNanos = System.nanoTime() - start;
        return page(response);
    }

    static Page page(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n");
        int body = text.indexOf("\r\n\r\n");
        if (end < 0 || body < 0 || !text.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response (" + response.length + " bytes)");
        }
        Matcher title = TITLE.matcher(text);
        return new Page(text.substring(0, end), response.length - body - 4, title.find() ? title.group(1) : "");
    }
}
