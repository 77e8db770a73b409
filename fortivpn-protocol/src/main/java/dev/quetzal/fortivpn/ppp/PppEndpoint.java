package dev.quetzal.fortivpn.ppp;

import dev.quetzal.fortivpn.ppp.StateTable.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a PPP link over a FortiGate tunnel: LCP, then IPCP and (optionally) IPv6CP, each an
 * RFC 1661 §4 option-negotiation automaton; LCP echo keepalive with dead-peer detection; Terminate in
 * both directions; Protocol-Reject of unknown protocols (and of IPv6CP when IPv6 is off).
 *
 * <p>Time is passed in, never read: the owner calls {@link #tick} about every 250 ms with its
 * monotonic clock, which drives retransmissions and echoes, so tests run without sleeping.
 *
 * <p>Thread-safety: the control methods are {@code synchronized} (the reader thread and a timer thread
 * both call in); they are rare. {@link #frameReceived} is a plain volatile write, safe to call for every
 * frame on the data path. Listener callbacks run inside the lock and must not block.
 *
 * <p>After {@link Listener#linkDown} the endpoint only answers Terminate-Requests (so a peer that
 * retransmits one gets its Ack while the owner decides when to close); it negotiates nothing more.
 */
public final class PppEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PppEndpoint.class);

    /** Where the endpoint sends frames and reports progress. Must not block. */
    public interface Listener {
        /**
         * A control frame to send: the PPP frame (protocol field first, {@code ff 03} first when the
         * settings ask for it), without the Fortinet header; {@code frame} is the endpoint's to reuse
         * after the call.
         */
        void sendFrame(byte[] frame, int offset, int length);

        /** IPCP (and IPv6CP when enabled) reached Opened; IP packets may flow. Called once per link. */
        void networkUp(NetworkParameters parameters);

        /**
         * The link is finished: LCP closed after a Terminate exchange, negotiation gave up, or the peer
         * stopped answering echoes. The owner closes the TLS connection. Called at most once.
         */
        void linkDown(LinkDownReason reason, String detail);
    }

    /** Why the link went down, for logs, counters and the backend's reconnect policy. */
    public enum LinkDownReason {
        /** We called {@link #terminate} and the exchange completed (or timed out). */
        LOCAL_TERMINATE,
        /** The peer sent Terminate-Request; {@code detail} is its reason text, if any. */
        PEER_TERMINATE,
        /** No frame from the peer for {@code echoInterval × (echoFailures + 1)}. */
        PEER_DEAD,
        /** Configure-Requests went unanswered {@code maxConfigure} times, or options could not converge. */
        NEGOTIATION_FAILED,
        /** The peer rejected LCP itself, or IPCP (and IPv6CP) were rejected: no network protocol left. */
        NO_NETWORK_PROTOCOL
    }

    private final PppSettings settings;
    private final Listener listener;
    private final String label;
    private final LcpPolicy lcpPolicy;
    private final ControlProtocol lcp;
    private final NetworkPhase network;
    private final Keepalive keepalive;
    /** Work that must not run inside another automaton's transition (closing LCP from an NCP's tlf). */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

    private volatile long lastReceived;
    private volatile long malformed;

    private long now;
    private boolean opened;
    private boolean down;
    private LinkDownReason downReason;
    private LinkDownReason closeReason;
    private String closeDetail;

    public PppEndpoint(PppSettings settings, int magicNumber, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.label = settings.role().name().toLowerCase(Locale.ROOT);
        // Seeded from the caller's (random) magic: new magics and interface ids stay reproducible in tests.
        SplittableRandom random = new SplittableRandom(magicNumber * 0x9E3779B97F4A7C15L + 1661);
        Wire wire = new Wire();
        this.lcpPolicy = new LcpPolicy(settings.mru(), magicNumber, random);
        this.lcp = new ControlProtocol(PppProtocol.LCP, lcpPolicy, new LcpLayer(), wire, lcpPolicy::peerMru, settings);
        this.network = new NetworkPhase(settings, random, wire, lcpPolicy, label, new NetworkEvents());
        this.keepalive = new Keepalive(settings.echoInterval().toNanos(), settings.echoFailures());
    }

    /** The link is up (tunnel GET done): sends our LCP Configure-Request and starts the automaton. */
    public synchronized void open(long nowNanos) {
        now = nowNanos;
        if (opened) {
            return;
        }
        opened = true;
        lastReceived = nowNanos;
        lcp.open(nowNanos);
        lcp.up(nowNanos);
        runDeferred();
    }

    /**
     * A frame that is not IPv4 or IPv6 data (or is data while its network protocol is not open, which
     * the endpoint answers or drops as RFC 1661 says). Malformed packets are dropped and counted in
     * {@link #malformedFrames()}, never thrown.
     */
    public synchronized void receiveFrame(byte[] frame, int offset, int length, long nowNanos) {
        now = nowNanos;
        lastReceived = nowNanos;
        int header = PppHeader.headerLength(frame, offset, length);
        if (header < 0) {
            dropMalformed("frame of " + length + " bytes has no protocol field");
            return;
        }
        int protocol = PppHeader.protocol(frame, offset, length);
        int at = offset + header;
        int n = length - header;
        try {
            switch (protocol) {
                case PppProtocol.LCP -> receiveLcp(ControlPacket.parse(frame, at, n));
                case PppProtocol.IPCP -> receiveNcp(network.ipcp(), protocol, ControlPacket.parse(frame, at, n));
                case PppProtocol.IPV6CP -> {
                    if (network.ipv6cp() == null) {
                        protocolReject(protocol, frame, at, n); // notes §6: IPv6 off means Protocol-Reject
                    } else {
                        receiveNcp(network.ipv6cp(), protocol, ControlPacket.parse(frame, at, n));
                    }
                }
                // RFC 1661 §3.5: data before its NCP opened is dropped; open data is the owner's business.
                case PppProtocol.IPV4, PppProtocol.IPV6 ->
                        LOG.debug("{}: dropped {} data frame of {} bytes", label, PppProtocol.name(protocol), n);
                default -> protocolReject(protocol, frame, at, n);
            }
        } catch (PppException e) {
            dropMalformed(PppProtocol.name(protocol) + " packet: " + e.getMessage());
        }
        runDeferred();
    }

    /** Retransmissions and keepalive. Call often (every 250 ms is plenty). */
    public synchronized void tick(long nowNanos) {
        now = nowNanos;
        if (!opened || down) {
            return;
        }
        lcp.tick(nowNanos);
        network.tick(nowNanos);
        runDeferred();
        if (down || !lcp.isOpened()) {
            return;
        }
        switch (keepalive.poll(nowNanos, lastReceived)) {
            case SEND_ECHO -> send(PppProtocol.LCP,
                    new ControlPacket(ControlPacket.ECHO_REQUEST, lcp.nextIdentifier(), magicBytes()));
            case PEER_DEAD -> reportDown(LinkDownReason.PEER_DEAD, "no frame from the peer for "
                    + (nowNanos - lastReceived) / 1_000_000 + " ms after " + settings.echoFailures()
                    + " Echo-Requests");
            case NONE -> { }
        }
    }

    /** Marks the peer alive; call for every frame received, data included. */
    public void frameReceived(long nowNanos) {
        lastReceived = nowNanos;
    }

    /** Starts an orderly close: LCP Terminate-Request with {@code reason} as its data. */
    public synchronized void terminate(String reason, long nowNanos) {
        now = nowNanos;
        if (down || closeReason != null) {
            return;
        }
        closeLink(LinkDownReason.LOCAL_TERMINATE, Objects.requireNonNullElse(reason, ""));
        runDeferred();
    }

    /** True once IPCP is Opened (and stays true until LCP leaves Opened). Volatile read. */
    public boolean ipv4Open() {
        return network.ipv4Open();
    }

    /** True once IPv6CP is Opened. Volatile read. */
    public boolean ipv6Open() {
        return network.ipv6Open();
    }

    /** The parameters reported to {@link Listener#networkUp}, or null before. */
    public synchronized NetworkParameters parameters() {
        return network.parameters();
    }

    /** Control frames dropped as malformed. */
    public long malformedFrames() {
        return malformed;
    }

    /** A one-line state summary for status pages, e.g. {@code LCP Opened, IPCP Opened, IPv6CP Closed}. */
    public synchronized String describe() {
        String text = lcp + ", " + network.describe();
        return down ? text + ", link down (" + downReason + ")" : text;
    }

    private void receiveLcp(ControlPacket packet) {
        logReceived(PppProtocol.LCP, packet);
        if (down) {
            if (packet.code() == ControlPacket.TERMINATE_REQUEST) {
                send(PppProtocol.LCP, new ControlPacket(ControlPacket.TERMINATE_ACK, packet.identifier(), new byte[0]));
            }
            return;
        }
        switch (packet.code()) {
            case ControlPacket.PROTOCOL_REJECT -> receiveProtocolReject(packet);
            case ControlPacket.TERMINATE_REQUEST -> {
                State before = lcp.state();
                lcp.receive(packet, now);
                if (before.ordinal() >= State.REQ_SENT.ordinal()) {
                    reportDown(LinkDownReason.PEER_TERMINATE, PacketFormat.printable(packet.data()));
                }
            }
            case ControlPacket.CODE_REJECT -> {
                int code = packet.data().length > 0 ? packet.data()[0] & 0xFF : -1;
                if (code == ControlPacket.ECHO_REQUEST) {
                    LOG.info("{}: the peer does not answer LCP echoes (Code-Reject); keepalive off", label);
                    keepalive.disable();
                } else if (code >= ControlPacket.CONFIGURE_REQUEST && code <= ControlPacket.CODE_REJECT
                        && lcp.state().ordinal() >= State.REQ_SENT.ordinal()) {
                    prepareClose(LinkDownReason.NO_NETWORK_PROTOCOL, "the peer rejected LCP code " + code);
                }
                countMalformed(lcp.receive(packet, now), "LCP Code-Reject without data");
            }
            default -> countMalformed(lcp.receive(packet, now), "LCP " + PacketFormat.codeName(packet.code()));
        }
    }

    /** RFC 1661 §5.7, only meaningful while LCP is Opened. */
    private void receiveProtocolReject(ControlPacket packet) {
        if (packet.data().length < 2) {
            dropMalformed("LCP Protocol-Reject without a protocol");
            return;
        }
        if (!lcp.isOpened()) {
            return;
        }
        int rejected = ((packet.data()[0] & 0xFF) << 8) | (packet.data()[1] & 0xFF);
        LOG.info("{}: the peer rejected protocol {}", label, PppProtocol.name(rejected));
        switch (rejected) {
            case PppProtocol.LCP -> {
                prepareClose(LinkDownReason.NO_NETWORK_PROTOCOL, "the peer rejected LCP");
                lcp.protocolRejected(now);
            }
            case PppProtocol.IPCP -> network.ipcp().protocolRejected(now);
            case PppProtocol.IPV6CP -> {
                if (network.ipv6cp() != null) {
                    network.ipv6cp().protocolRejected(now);
                }
            }
            default -> { } // CCP and data protocols: we never send them unasked
        }
    }

    private void receiveNcp(ControlProtocol ncp, int protocol, ControlPacket packet) {
        logReceived(protocol, packet);
        if (down || !lcp.isOpened()) {
            LOG.debug("{}: dropped {} packet: LCP is not open", label, ncp.name());
            return;
        }
        countMalformed(ncp.receive(packet, now), ncp.name() + " " + PacketFormat.codeName(packet.code()));
    }

    /** RFC 1661 §5.7: the rejected protocol, then as much of its packet as the peer's MRU allows. */
    private void protocolReject(int protocol, byte[] frame, int at, int n) {
        if (down || !lcp.isOpened()) {
            LOG.debug("{}: dropped {} frame: LCP is not open", label, PppProtocol.name(protocol));
            return;
        }
        int room = Math.max(0, lcpPolicy.peerMru() - ControlPacket.HEADER_LENGTH - 2);
        int copied = Math.min(n, room);
        byte[] data = new byte[2 + copied];
        data[0] = (byte) (protocol >>> 8);
        data[1] = (byte) protocol;
        System.arraycopy(frame, at, data, 2, copied);
        send(PppProtocol.LCP, new ControlPacket(ControlPacket.PROTOCOL_REJECT, lcp.nextIdentifier(), data));
    }

    /** Closes LCP with a Terminate-Request; linkDown follows when LCP finishes. */
    private void closeLink(LinkDownReason reason, String detail) {
        prepareClose(reason, detail);
        lcp.close(now);
        State state = lcp.state();
        if (state == State.INITIAL || state == State.CLOSED) {
            reportDown(closeReason, closeDetail); // nothing to terminate (no-op when tlf already reported)
        }
    }

    private void prepareClose(LinkDownReason reason, String detail) {
        if (closeReason != null) {
            return;
        }
        closeReason = reason;
        closeDetail = detail;
        byte[] text = detail.getBytes(StandardCharsets.UTF_8);
        int room = Math.max(0, lcpPolicy.peerMru() - ControlPacket.HEADER_LENGTH);
        lcp.terminateData(text.length > room ? Arrays.copyOf(text, room) : text);
    }

    private void reportDown(LinkDownReason reason, String detail) {
        if (down) {
            return;
        }
        down = true;
        downReason = reason;
        network.stop();
        LOG.info("{}: link down: {} ({})", label, reason, detail);
        listener.linkDown(reason, detail);
    }

    private void runDeferred() {
        Runnable task;
        while ((task = deferred.poll()) != null) {
            task.run();
        }
    }

    private byte[] magicBytes() {
        int magic = lcpPolicy.magic();
        return new byte[] {(byte) (magic >>> 24), (byte) (magic >>> 16), (byte) (magic >>> 8), (byte) magic};
    }

    private void countMalformed(boolean wellFormed, String what) {
        if (!wellFormed) {
            dropMalformed(what);
        }
    }

    private void dropMalformed(String what) {
        malformed++; // written under the lock only
        LOG.debug("{}: dropped malformed {}", label, what);
    }

    private void logReceived(int protocol, ControlPacket packet) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: received {}", label, PacketFormat.describe(protocol, packet));
        }
    }

    private void send(int protocol, ControlPacket packet) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: sent {}", label, PacketFormat.describe(protocol, packet));
        }
        int prefix = settings.sendAddressControl() ? 2 : 0;
        byte[] frame = new byte[prefix + 2 + packet.encodedLength()];
        if (prefix > 0) {
            frame[0] = (byte) PppHeader.ADDRESS;
            frame[1] = PppHeader.CONTROL;
        }
        frame[prefix] = (byte) (protocol >>> 8);
        frame[prefix + 1] = (byte) protocol;
        packet.writeTo(frame, prefix + 2);
        listener.sendFrame(frame, 0, frame.length);
    }

    /** The automata's output, and LCP's Echo-Reply (RFC 1661 §5.8: our magic, then the request's data). */
    private final class Wire implements ControlProtocol.Output {
        @Override
        public void send(int protocol, ControlPacket packet) {
            PppEndpoint.this.send(protocol, packet);
        }

        @Override
        public void echo(ControlPacket request) {
            if (request.code() != ControlPacket.ECHO_REQUEST) {
                return; // Echo-Reply and Discard-Request: the frame itself proved the peer alive
            }
            if (!settings.answerEchoes()) {
                LOG.debug("{}: not answering Echo-Request id {} (test hook)", label, request.identifier());
                return;
            }
            if (request.data().length < 4) {
                dropMalformed("LCP Echo-Request without a magic number");
                return;
            }
            int room = Math.max(4, lcpPolicy.peerMru() - ControlPacket.HEADER_LENGTH);
            byte[] data = Arrays.copyOf(request.data(), Math.min(request.data().length, room));
            System.arraycopy(magicBytes(), 0, data, 0, 4);
            PppEndpoint.this.send(PppProtocol.LCP, new ControlPacket(ControlPacket.ECHO_REPLY, request.identifier(), data));
        }
    }

    private final class LcpLayer implements ControlProtocol.Layer {
        @Override
        public void up() {
            LOG.info("{}: LCP opened (our MRU {}, peer MRU {})", label, lcpPolicy.localMru(), lcpPolicy.peerMru());
            keepalive.reset();
            network.lcpUp(now);
        }

        @Override
        public void down() {
            LOG.info("{}: LCP left Opened", label);
            network.lcpDown(now);
        }

        @Override
        public void started() {}

        @Override
        public void finished() {
            if (closeReason != null) {
                String detail = closeReason == LinkDownReason.LOCAL_TERMINATE && !lcp.failure().isEmpty()
                        ? closeDetail + " (" + lcp.failure() + ")"
                        : closeDetail;
                reportDown(closeReason, detail);
            } else {
                reportDown(LinkDownReason.NEGOTIATION_FAILED, "LCP: " + lcp.failure());
            }
        }
    }

    private final class NetworkEvents implements NetworkPhase.Events {
        @Override
        public void networkUp(NetworkParameters parameters) {
            listener.networkUp(parameters);
        }

        /** Runs after the current transition: closing LCP re-enters the NCP automata (tld, Down). */
        @Override
        public void ipv4Failed(String detail) {
            LOG.info("{}: {}", label, detail);
            deferred.add(() -> {
                if (!down && closeReason == null) {
                    closeLink(LinkDownReason.NO_NETWORK_PROTOCOL, detail);
                }
            });
        }
    }
}
