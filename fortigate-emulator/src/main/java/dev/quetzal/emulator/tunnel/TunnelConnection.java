package dev.quetzal.emulator.tunnel;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.emulator.http.HttpRequestReader;
import dev.quetzal.emulator.network.IpPackets;
import dev.quetzal.emulator.session.Session;
import dev.quetzal.emulator.session.TunnelHandle;
import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.FortiFrameDecoder;
import dev.quetzal.fortivpn.ppp.FramingException;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import dev.quetzal.fortivpn.ppp.PppHeader;
import dev.quetzal.fortivpn.ppp.PppProtocol;
import dev.quetzal.fortivpn.ppp.PppSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS connection after {@code GET /remote/sslvpn-tunnel}: Fortinet frames in both directions,
 * PPP negotiated by a server-role {@link PppEndpoint}, IP packets between the client and the corporate
 * network (fortivpn-protocol.md §4-§7, §9, §12).
 *
 * <p>The connection's own thread reads and dispatches frames; a {@link FrameWriter} thread sends. After
 * the client's Terminate-Request the Ack is sent and the connection waits (at most 5 s) for the
 * client to close before it sends close_notify (§11 quirk 8).
 */
public final class TunnelConnection implements TunnelHandle, PppEndpoint.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);
    private static final long PEER_CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int LCP_ECHO_REQUEST = 9;
    /** Header 0x000a, magic 0x5151 (wrong), PPP length 4: an LCP Echo-Request that no client may accept. */
    private static final byte[] BAD_MAGIC_FRAME = {0x00, 0x0a, 0x51, 0x51, 0x00, 0x04, (byte) 0xc0, 0x21, 0x09, 0x01};

    private final Socket tcp;
    private final SSLSocket tls;
    private final Session session;
    private final TunnelServices services;
    private final FrameWriter writer;
    private final PppEndpoint ppp;
    private final FortiFrameDecoder decoder = new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH);
    private final FortiFrameDecoder.FrameSink frameSink = this::onFrame;
    private final byte[] readBuffer = new byte[HttpRequestReader.MAX_HEAD + HttpRequestReader.MAX_BODY];
    private final long openedNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int sinkAddress;
    private volatile long closeDeadline = Long.MAX_VALUE;

    TunnelConnection(Socket tcp, SSLSocket tls, Session session, TunnelServices services) throws IOException {
        this.tcp = tcp;
        this.tls = tls;
        this.session = session;
        this.services = services;
        this.sinkAddress = services.settings().sinkAddress().bits();
        this.writer = new FrameWriter(tls.getOutputStream(), this::countBytes);
        this.ppp = new PppEndpoint(settings(session, services), nonZeroMagic(services), this);
    }

    private static PppSettings settings(Session session, TunnelServices services) {
        var tunnel = services.settings();
        PppSettings.Builder builder = PppSettings.server(tunnel.gateway(), session.address())
                .mru(tunnel.serverMru())
                .dnsServers(tunnel.dnsServers())
                // The server leaves dead-peer detection to the client (heartbeat-interval in the XML).
                .echo(Duration.ZERO, 1);
        if (session.address6() != null) {
            builder.ipv6(true, Tunnels.gateway6(tunnel).low(), session.address6().low());
        }
        return builder.build();
    }

    private static int nonZeroMagic(TunnelServices services) {
        int magic;
        do {
            magic = services.random().nextInt();
        } while (magic == 0);
        return magic;
    }

    /** Runs the tunnel on the calling (connection) thread until it ends. */
    void run(HttpRequestReader httpReader) {
        TunnelHandle previous = session.attachTunnel(this);
        if (previous != null) {
            // The reconnect wins: the old connection is dropped without a PPP goodbye.
            previous.abort();
        }
        services.stats().countTunnelOpened(session.tunnelsOpened() > 1);
        services.registry().register(session.poolIndex(), this);
        LOG.info("Tunnel of {} opened ({})", session.username(), session.address());
        try {
            writer.start("emulator-tunnel-writer-" + session.address());
            ppp.open(System.nanoTime());
            int pipelined = httpReader.drainBuffered(readBuffer, 0);
            if (pipelined > 0) {
                receive(pipelined);
            }
            InputStream in = tls.getInputStream();
            while (!closed.get()) {
                int n = in.read(readBuffer);
                if (n < 0) {
                    break;
                }
                receive(n);
            }
        } catch (FramingException e) {
            services.stats().countMalformedFrame();
            LOG.info("Tunnel of {}: bad framing from the client ({}); closing", session.username(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("Tunnel of {} read ended: {}", session.username(), e.toString());
        } finally {
            finish();
        }
    }

    private void receive(int n) throws FramingException {
        decoder.feed(readBuffer, 0, n, frameSink);
        countBytes(n);
    }

    private void onFrame(byte[] frame, int offset, int length) {
        long now = System.nanoTime();
        ppp.frameReceived(now);
        int protocol = PppHeader.protocol(frame, offset, length);
        int header = PppHeader.headerLength(frame, offset, length);
        if (protocol < 0) {
            services.stats().countMalformedFrame();
            return;
        }
        if (protocol == PppProtocol.IPV4 && ppp.ipv4Open()) {
            fromClient(frame, offset + header, length - header);
        } else if (protocol == PppProtocol.IPV6) {
            if (ppp.ipv6Open()) {
                fromClient(frame, offset + header, length - header);
            } else {
                // fortivpn-protocol.md §11 quirk 9: IPv6 keeps coming after IPv6CP was rejected.
                services.stats().countIpv6Dropped();
            }
        } else if (protocol == PppProtocol.LCP && length > header && frame[offset + header] == LCP_ECHO_REQUEST
                && !services.hooks().answerEchoes()) {
            LOG.debug("Echo-Request ignored (answerEchoes hook)");
        } else {
            ppp.receiveFrame(frame, offset, length, now);
        }
    }

    private void fromClient(byte[] packet, int offset, int length) {
        services.stats().countFromClient(length);
        if (length < 1) {
            return;
        }
        if (length >= IpPackets.IPV4_HEADER && (packet[offset] & 0xF0) == 0x40
                && IpPackets.getInt(packet, offset + 16) == sinkAddress) {
            services.stats().countSink(length);
            return;
        }
        if (services.pinger().consume(packet, offset, length)) {
            return;
        }
        services.network().fromClient(packet, offset, length);
    }

    /** Queues an IP packet for the client; false if its network protocol is not open. Drops are counted. */
    public boolean sendToClient(byte[] packet, int offset, int length) {
        return send(packet, offset, length, false);
    }

    /** Like {@link #sendToClient} but waits while the queue is full (the benchmark generator). */
    boolean sendToClientWaiting(byte[] packet, int offset, int length) {
        return send(packet, offset, length, true);
    }

    private boolean send(byte[] packet, int offset, int length, boolean wait) {
        int version = (packet[offset] & 0xF0) >>> 4;
        int protocol;
        if (version == 4 && ppp.ipv4Open()) {
            protocol = PppProtocol.IPV4;
        } else if (version == 6 && ppp.ipv6Open()) {
            protocol = PppProtocol.IPV6;
        } else {
            return false;
        }
        if (writer.offerPacket(packet, offset, length, protocol, services.hooks().sendAddressControl(), wait)) {
            services.stats().countToClient(length);
        } else {
            services.stats().countQueueDrop();
        }
        return true;
    }

    /** Retransmissions, the age hook, and the bounded wait for the client's close. */
    void tick(long now) {
        ppp.tick(now);
        Duration cutAfter = services.hooks().cutAfter();
        if (cutAfter != null && now - openedNanos >= cutAfter.toNanos()) {
            LOG.info("Tunnel of {} cut after {} (hook)", session.username(), cutAfter);
            abort();
        }
        if (now - closeDeadline >= 0) {
            closeGracefully();
        }
    }

    void sendMalformedFrame() {
        writer.offerRaw(BAD_MAGIC_FRAME);
    }

    public Session session() {
        return session;
    }

    public Ipv4Address address() {
        return session.address();
    }

    @Override
    public void terminate(String reason) {
        ppp.terminate(reason, System.nanoTime());
    }

    /** Resets the TCP connection: no LCP Terminate, no close_notify. */
    @Override
    public void abort() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            tcp.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.debug("SO_LINGER not set: {}", e.toString());
        }
        closeQuietly(tcp);
    }

    @Override
    public boolean up() {
        return ppp.ipv4Open();
    }

    @Override
    public void sendFrame(byte[] frame, int offset, int length) {
        if (!writer.offerFrame(frame, offset, length, services.hooks().sendAddressControl())) {
            services.stats().countQueueDrop();
        }
    }

    @Override
    public void networkUp(NetworkParameters parameters) {
        LOG.info("Tunnel of {} up: {} (peer MRU {}, IPv6 {})", session.username(), session.address(),
                parameters.peerMru(), parameters.ipv6());
    }

    @Override
    public void linkDown(PppEndpoint.LinkDownReason reason, String detail) {
        LOG.info("Tunnel of {} link down: {}{}", session.username(), reason,
                detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
        if (reason == PppEndpoint.LinkDownReason.PEER_TERMINATE) {
            // Quirk 8: the Ack is queued; let the client close first, then answer with close_notify.
            closeDeadline = System.nanoTime() + PEER_CLOSE_WAIT_NANOS;
        } else {
            // Called under the endpoint's lock: close on another thread.
            Thread.ofVirtual().name("emulator-tunnel-close").start(this::closeGracefully);
        }
    }

    /** Sends what is queued, then close_notify. */
    void closeGracefully() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.stop(1000);
        closeQuietly(tls);
    }

    private void finish() {
        if (closed.compareAndSet(false, true)) {
            // The client closed (or the read failed): flush, then our close_notify.
            writer.stop(500);
            closeQuietly(tls);
        }
        writer.stop(500);
        services.registry().unregister(session.poolIndex(), this);
        session.detachTunnel(this);
        services.stats().countMalformedFrames(ppp.malformedFrames());
        LOG.info("Tunnel of {} closed after {} bytes", session.username(), bytes.get());
    }

    private void countBytes(int n) {
        long total = bytes.addAndGet(n);
        long limit = services.hooks().cutAfterBytes();
        if (limit > 0 && total >= limit) {
            LOG.info("Tunnel of {} cut after {} bytes (hook)", session.username(), total);
            abort();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Close failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "TunnelConnection[" + session.username() + ", " + session.address() + "]";
    }
}
