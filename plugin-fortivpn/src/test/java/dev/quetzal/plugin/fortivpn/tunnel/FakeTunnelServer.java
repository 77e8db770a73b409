package dev.quetzal.plugin.fortivpn.tunnel;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.FortiFrameDecoder;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import dev.quetzal.fortivpn.ppp.PppHeader;
import dev.quetzal.fortivpn.ppp.PppProtocol;
import dev.quetzal.fortivpn.ppp.PppSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tunnel half of a FortiGate on plain TCP, for tunnel-level tests: reads the tunnel request, then
 * runs a SERVER-role PPP endpoint (protocol notes §9: its own LCP and IPCP requests, DNS by Nak) and
 * collects the IP packets the client sends. Or answers the request with an HTTP refusal.
 */
final class FakeTunnelServer implements AutoCloseable {
    static final Ipv4Address GATEWAY = new Ipv4Address(0xc612fffe); // 198.18.255.254
    static final Ipv4Address CLIENT = new Ipv4Address(0xc6120107); // 198.18.1.7
    static final Ipv4Address DNS = new Ipv4Address(0xc6120035); // 198.18.0.53

    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    final CountDownLatch up = new CountDownLatch(1);
    final CountDownLatch down = new CountDownLatch(1);
    final AtomicLong writes = new AtomicLong();
    volatile String requestLine;
    volatile PppEndpoint.LinkDownReason downReason;
    private final ServerSocket listener;
    private final String refusal;
    private volatile boolean countOnly;
    private final AtomicLong counted = new AtomicLong();
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile PppEndpoint endpoint;
    private final Thread thread;
    private final Thread ticker;

    private final boolean answerEchoes;

    /**
     * @param refusal an HTTP response to answer the tunnel request with, or null to run PPP
     * @param answerEchoes false ignores the client's LCP Echo-Requests
     */
    FakeTunnelServer(String refusal, boolean answerEchoes) throws IOException {
        this.refusal = refusal;
        this.answerEchoes = answerEchoes;
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("fake-fortigate").start(this::serve);
        ticker = Thread.ofPlatform().daemon().name("fake-fortigate-tick").start(this::tick);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Counts client packets instead of keeping them (allocation measurements). */
    void countOnly() {
        countOnly = true;
    }

    long counted() {
        return counted.get();
    }

    private void serve() {
        try (Socket accepted = listener.accept()) {
            socket = accepted;
            accepted.setTcpNoDelay(true);
            InputStream in = accepted.getInputStream();
            out = accepted.getOutputStream();
            requestLine = readHead(in);
            if (refusal != null) {
                write(refusal.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            endpoint = new PppEndpoint(PppSettings.server(GATEWAY, CLIENT).dnsServers(List.of(DNS))
                    .answerEchoes(answerEchoes).build(), 0x5eed,
                    new Listener());
            endpoint.open(System.nanoTime());
            FortiFrameDecoder decoder = new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH);
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                decoder.feed(buffer, 0, n, this::frame);
            }
        } catch (IOException e) {
            // The client closed or the test closed us.
        } finally {
            down.countDown();
        }
    }

    private void frame(byte[] array, int offset, int length) {
        long now = System.nanoTime();
        endpoint.frameReceived(now);
        int protocol = PppHeader.protocol(array, offset, length);
        if (protocol == PppProtocol.IPV4 && endpoint.ipv4Open()) {
            int header = PppHeader.headerLength(array, offset, length);
            if (countOnly) {
                counted.incrementAndGet();
            } else {
                byte[] packet = new byte[length - header];
                System.arraycopy(array, offset + header, packet, 0, packet.length);
                received.add(packet);
            }
            return;
        }
        endpoint.receiveFrame(array, offset, length, now);
    }

    private void tick() {
        while (!listener.isClosed()) {
            PppEndpoint current = endpoint;
            if (current != null) {
                current.tick(System.nanoTime());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends an IPv4 packet to the client as PPP 0x0021. */
    void sendIpv4(byte[] packet) throws IOException {
        byte[] frame = new byte[FortiFrame.HEADER_LENGTH + 2 + packet.length];
        FortiFrame.writeHeader(frame, 0, packet.length + 2);
        frame[6] = 0x00;
        frame[7] = 0x21;
        System.arraycopy(packet, 0, frame, 8, packet.length);
        write(frame);
    }

    /** Raw bytes on the stream (a bad frame). */
    void write(byte[] bytes) throws IOException {
        synchronized (this) {
            out.write(bytes);
            out.flush();
        }
        writes.incrementAndGet();
    }

    /** A Terminate-Request from the server (notes §7). */
    void terminate(String reason) {
        endpoint.terminate(reason, System.nanoTime());
    }

    /** Stops answering: closes the connection abruptly. */
    void cut() throws IOException {
        socket.close();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        int end = head.indexOf("\r\n");
        return end < 0 ? head.toString() : head.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket current = socket;
        if (current != null) {
            current.close();
        }
        ticker.interrupt();
    }

    private final class Listener implements PppEndpoint.Listener {
        @Override
        public void sendFrame(byte[] frame, int offset, int length) {
            byte[] framed = new byte[length + FortiFrame.HEADER_LENGTH];
            FortiFrame.writeHeader(framed, 0, length);
            System.arraycopy(frame, offset, framed, FortiFrame.HEADER_LENGTH, length);
            try {
                write(framed);
            } catch (IOException e) {
                // The connection is going away; the reader notices.
            }
        }

        @Override
        public void networkUp(NetworkParameters parameters) {
            up.countDown();
        }

        @Override
        public void linkDown(PppEndpoint.LinkDownReason reason, String detail) {
            downReason = reason;
            try {
                if (reason != PppEndpoint.LinkDownReason.PEER_TERMINATE) {
                    socket.close();
                }
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

}
