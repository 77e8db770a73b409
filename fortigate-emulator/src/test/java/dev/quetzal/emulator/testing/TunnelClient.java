package dev.quetzal.emulator.testing;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.network.IpPackets;
import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.FortiFrameDecoder;
import dev.quetzal.fortivpn.ppp.FramingException;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import dev.quetzal.fortivpn.ppp.PppHeader;
import dev.quetzal.fortivpn.ppp.PppProtocol;
import dev.quetzal.fortivpn.ppp.PppSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal FortiVPN tunnel client for tests, shaped like OpenConnect 9.01 (fortivpn-protocol.md §4-§7):
 * one keep-alive TLS connection for login, XML and the tunnel request; its LCP Configure-Request
 * written in the same TLS write as the tunnel GET (pipelined); {@code ff 03} on its frames when asked;
 * a client-role {@link PppEndpoint}; and answers to the server's pings.
 */
public final class TunnelClient implements AutoCloseable {
    /** How the link ended as the client saw it. */
    public record Down(PppEndpoint.LinkDownReason reason, String detail) {}

    private final PortalClient http;
    private final String cookie;
    private final Ipv4Address assigned;
    private final boolean addressControl;
    private final PppEndpoint ppp;
    private final FortiFrameDecoder decoder = new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH);
    private final BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
    private final CompletableFuture<NetworkParameters> up = new CompletableFuture<>();
    private final CompletableFuture<Down> down = new CompletableFuture<>();
    /** Completes when the server's side of the stream ends: null for a clean EOF, else the exception. */
    private final CompletableFuture<Throwable> ended = new CompletableFuture<>();
    private final List<byte[]> controlFrames = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong udpReceived = new AtomicLong();
    private final ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
    private volatile boolean buffering = true;
    private volatile boolean countOnlyUdp;
    private volatile boolean closed;
    private Thread reader;
    private Thread ticker;

    private TunnelClient(PortalClient http, String cookie, Ipv4Address assigned, boolean addressControl,
            UnaryOperator<PppSettings.Builder> settings) {
        this.http = http;
        this.cookie = cookie;
        this.assigned = assigned;
        this.addressControl = addressControl;
        PppSettings.Builder builder = PppSettings.client(assigned).sendAddressControl(addressControl)
                .restart(Duration.ofSeconds(1), 10, 2);
        this.ppp = new PppEndpoint(settings.apply(builder).build(), 0x1D2C3B4A, new Listener());
    }

    /** Logs in, reads the XML, opens the tunnel and waits for IPCP to open on both sides. */
    public static TunnelClient connect(FortiGateEmulator emulator, String user, String password) throws Exception {
        TunnelClient client = open(emulator, user, password, true, b -> b);
        client.awaitUp();
        client.awaitServerUp(emulator);
        return client;
    }

    /**
     * Waits until the emulator reports this client's tunnel up: the server's IPCP opens when the
     * client's last Ack arrives, which can be just after the client itself saw Opened.
     */
    public void awaitServerUp(FortiGateEmulator emulator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (emulator.sessions().stream().anyMatch(s -> s.assignedAddress().equals(assigned) && s.tunnelUp())) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the emulator never reported the tunnel of " + assigned + " up");
    }

    /** Logs in and opens the tunnel without waiting; {@code settings} adjusts the client's PPP. */
    public static TunnelClient open(FortiGateEmulator emulator, String user, String password, boolean addressControl,
            UnaryOperator<PppSettings.Builder> settings) throws Exception {
        PortalClient http = new PortalClient(emulator);
        String cookie = http.login(user, password);
        return reopen(emulator, http, cookie, addressControl, settings);
    }

    /** Opens a tunnel with an existing cookie on a new connection (a reconnect). */
    public static TunnelClient reopen(FortiGateEmulator emulator, String cookie) throws Exception {
        return reopen(emulator, new PortalClient(emulator), cookie, true, b -> b);
    }

    private static TunnelClient reopen(FortiGateEmulator emulator, PortalClient http, String cookie,
            boolean addressControl, UnaryOperator<PppSettings.Builder> settings) throws Exception {
        RawResponse xml = http.get("/remote/fortisslvpn_xml", cookie);
        if (xml.status() != 200) {
            throw new IOException("XML config refused: " + xml.statusLine());
        }
        Matcher m = Pattern.compile("assigned-addr ipv4=\"([0-9.]+)\"").matcher(xml.bodyText());
        if (!m.find()) {
            throw new IOException("no assigned-addr in " + xml.bodyText());
        }
        // Like OpenConnect, run IPv6CP only when the XML has <ipv6>, with the address's low 64 bits as interface-id.
        Matcher v6 = Pattern.compile("assigned-addr ipv6=\"([0-9a-f:]+)\"").matcher(xml.bodyText());
        UnaryOperator<PppSettings.Builder> withIpv6 = v6.find()
                ? b -> settings.apply(b.ipv6(true, ((Ipv6Address) IpAddress.parse(v6.group(1))).low(), 0))
                : settings;
        TunnelClient client = new TunnelClient(http, cookie, (Ipv4Address) IpAddress.parse(m.group(1)), addressControl,
                withIpv6);
        client.start();
        return client;
    }

    private void start() throws IOException {
        ppp.open(System.nanoTime());
        byte[] request = ("GET /remote/sslvpn-tunnel HTTP/1.1\r\nHost: 127.0.0.1:4443\r\nUser-Agent: Mozilla/5.0 SV1\r\n"
                + "Cookie: SVPNCOOKIE=" + cookie + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        synchronized (this) {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            first.write(request);
            first.write(pipelined.toByteArray());
            http.out().write(first.toByteArray()); // one write: the LCP request rides with the GET
            http.out().flush();
            buffering = false;
        }
        http.socket().setSoTimeout(0);
        reader = Thread.ofVirtual().name("test-tunnel-reader").start(this::read);
        ticker = Thread.ofVirtual().name("test-tunnel-ticker").start(this::tickLoop);
    }

    public String cookie() {
        return cookie;
    }

    public Ipv4Address address() {
        return assigned;
    }

    public PppEndpoint ppp() {
        return ppp;
    }

    public PortalClient http() {
        return http;
    }

    public NetworkParameters awaitUp() throws Exception {
        return up.get(10, TimeUnit.SECONDS);
    }

    public Down awaitDown() throws Exception {
        return down.get(10, TimeUnit.SECONDS);
    }

    /** Waits for the server to end the stream; null for a clean close, else what the read threw. */
    public Throwable awaitEnded() throws Exception {
        return ended.get(10, TimeUnit.SECONDS);
    }

    public boolean ended() {
        return ended.isDone();
    }

    /** The next IP packet from the server within {@code timeout}, or null. */
    public byte[] receive(Duration timeout) throws InterruptedException {
        return packets.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on UDP packets are only counted (the generator test), not queued. */
    public void countUdpOnly() {
        countOnlyUdp = true;
    }

    public long udpReceived() {
        return udpReceived.get();
    }

    /** Control frames received so far, as raw PPP frames (after the Fortinet header). */
    public List<byte[]> controlFrames() {
        synchronized (controlFrames) {
            return List.copyOf(controlFrames);
        }
    }

    /** Sends an IP packet as PPP data (0x0021 or 0x0057). */
    public void send(byte[] packet) throws IOException {
        int protocol = (packet[0] & 0xF0) == 0x40 ? PppProtocol.IPV4 : PppProtocol.IPV6;
        byte[] frame = new byte[(addressControl ? 4 : 2) + packet.length];
        int at = 0;
        if (addressControl) {
            frame[at++] = (byte) 0xFF;
            frame[at++] = 0x03;
        }
        frame[at++] = (byte) (protocol >>> 8);
        frame[at++] = (byte) protocol;
        System.arraycopy(packet, 0, frame, at, packet.length);
        writeFrame(frame, 0, frame.length);
    }

    /** Writes raw bytes on the tunnel stream (for malformed-frame tests). */
    public synchronized void writeRaw(byte[] bytes) throws IOException {
        http.out().write(bytes);
        http.out().flush();
    }

    public void terminate(String reason) {
        ppp.terminate(reason, System.nanoTime());
    }

    /** Sends TLS close_notify for our direction (TLS 1.3 half-close); reading goes on. */
    public void shutdownOutput() throws IOException {
        http.socket().shutdownOutput();
    }

    private synchronized void writeFrame(byte[] frame, int offset, int length) throws IOException {
        byte[] out = new byte[FortiFrame.HEADER_LENGTH + length];
        FortiFrame.writeHeader(out, 0, length);
        System.arraycopy(frame, offset, out, FortiFrame.HEADER_LENGTH, length);
        if (buffering) {
            pipelined.write(out);
            return;
        }
        OutputStream stream = http.out();
        stream.write(out);
        stream.flush();
    }

    private void read() {
        byte[] buffer = new byte[80 * 1024];
        InputStream in = http.in();
        try {
            boolean first = true;
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    ended.complete(null);
                    return;
                }
                if (first && n >= 5 && new String(buffer, 0, 5, StandardCharsets.ISO_8859_1).equals("HTTP/")) {
                    throw new IOException("HTTP response where PPP should start: "
                            + new String(buffer, 0, Math.min(n, 40), StandardCharsets.ISO_8859_1));
                }
                first = false;
                decoder.feed(buffer, 0, n, this::frame);
            }
        } catch (FramingException e) {
            ended.complete(e);
        } catch (IOException e) {
            ended.complete(e);
        } finally {
            closed = true;
        }
    }

    private void frame(byte[] frame, int offset, int length) {
        long now = System.nanoTime();
        ppp.frameReceived(now);
        int protocol = PppHeader.protocol(frame, offset, length);
        int header = PppHeader.headerLength(frame, offset, length);
        boolean data = (protocol == PppProtocol.IPV4 && ppp.ipv4Open()) || (protocol == PppProtocol.IPV6 && ppp.ipv6Open());
        if (!data) {
            controlFrames.add(Arrays.copyOfRange(frame, offset, offset + length));
            ppp.receiveFrame(frame, offset, length, now);
            return;
        }
        byte[] packet = Arrays.copyOfRange(frame, offset + header, offset + length);
        if (answerPing(packet)) {
            return;
        }
        boolean udp = (packet[0] & 0xF0) == 0x40 && packet[9] == IpPackets.PROTOCOL_UDP;
        if (udp && countOnlyUdp) {
            udpReceived.incrementAndGet();
            return;
        }
        packets.add(packet);
    }

    /** Answers ICMP (type 8) and ICMPv6 (type 128) echo requests, as the kernel behind a client would. */
    private boolean answerPing(byte[] packet) {
        boolean v4 = (packet[0] & 0xF0) == 0x40;
        int l4 = Packets.l4(packet);
        if (v4 && packet[9] == IpPackets.PROTOCOL_ICMP && (packet[l4] & 0xFF) == 8) {
            byte[] icmp = Arrays.copyOfRange(packet, l4, packet.length);
            icmp[0] = 0;
            icmp[2] = 0;
            icmp[3] = 0;
            sendQuietly(Packets.ip(Packets.destination(packet), Packets.source(packet), IpPackets.PROTOCOL_ICMP, icmp));
            return true;
        }
        if (!v4 && packet[6] == IpPackets.PROTOCOL_ICMPV6 && (packet[l4] & 0xFF) == 128) {
            byte[] icmp = Arrays.copyOfRange(packet, l4, packet.length);
            icmp[0] = (byte) 129;
            icmp[2] = 0;
            icmp[3] = 0;
            sendQuietly(Packets.ip(Packets.destination(packet), Packets.source(packet), IpPackets.PROTOCOL_ICMPV6, icmp));
            return true;
        }
        return false;
    }

    private void sendQuietly(byte[] packet) {
        try {
            send(packet);
        } catch (IOException e) {
            // The connection is going away; the test sees it through ended().
        }
    }

    private void tickLoop() {
        while (!closed) {
            ppp.tick(System.nanoTime());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private final class Listener implements PppEndpoint.Listener {
        @Override
        public void sendFrame(byte[] frame, int offset, int length) {
            try {
                writeFrame(frame, offset, length);
            } catch (IOException e) {
                // ended() reports the broken connection
            }
        }

        @Override
        public void networkUp(NetworkParameters parameters) {
            up.complete(parameters);
        }

        @Override
        public void linkDown(PppEndpoint.LinkDownReason reason, String detail) {
            down.complete(new Down(reason, detail));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        http.close();
        if (ticker != null) {
            ticker.interrupt();
        }
    }
}
