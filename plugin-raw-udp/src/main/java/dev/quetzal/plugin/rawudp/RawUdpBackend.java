package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The network is one UDP peer: packets go to it one per datagram, and its datagrams come back as packets. */
final class RawUdpBackend implements Backend {
    private static final Logger log = LoggerFactory.getLogger(RawUdpBackend.class);

    private final RawUdpBackendConfig config;
    private final BackendContext context;
    private final Metrics.Counter sendErrors;
    private final Metrics.Counter foreign;
    private final Metrics.Counter receivedPackets;
    private final Metrics.Counter receivedBytes;
    private volatile BackendState state = new BackendState.Disconnected("not started");
    private volatile DatagramChannel channel;
    private InetSocketAddress peer;
    private Thread receiver;

    RawUdpBackend(RawUdpBackendConfig config, BackendContext context) {
        this.config = config;
        this.context = context;
        this.sendErrors = context.metrics().counter("quetzal_raw_udp_send_errors_total", "Datagrams that could not be sent");
        this.foreign = context.metrics().counter("quetzal_raw_udp_foreign_total",
                "Datagrams from an address other than the configured peer, dropped");
        this.receivedPackets = context.metrics().counter("quetzal_raw_udp_received_packets_total", "Datagrams received");
        this.receivedBytes = context.metrics().counter("quetzal_raw_udp_received_bytes_total", "Bytes of datagrams received");
    }

    @Override
    public void start() throws IOException {
        publish(new BackendState.Connecting(1));
        peer = Sockets.resolve(config.peer());
        DatagramChannel opened = DatagramChannel.open();
        opened.bind(Sockets.resolve(config.bind()));
        channel = opened;
        ReceiveLoop loop = new ReceiveLoop(opened, context.buffers(), this::onPacket, log);
        receiver = Thread.ofPlatform().name("raw-udp-" + context.componentName()).daemon().start(loop);
        log.info("raw-udp backend {} sends to {} from {}", context.componentName(), peer, opened.getLocalAddress());
        publish(new BackendState.Connected(new UplinkInfo(
                config.addresses(), config.dnsServers(), config.dnsSuffixes(), List.of(), config.mtu())));
    }

    private void onPacket(PacketBuffer packet, SocketAddress from) {
        // Only the peer speaks for the network; anything else on this port is noise or spoofing.
        if (!peer.equals(from)) {
            foreign.increment();
            packet.release();
            return;
        }
        receivedPackets.increment();
        receivedBytes.add(packet.length());
        context.router().fromNetwork(packet);
    }

    private void publish(BackendState next) {
        state = next;
        context.publishState(next);
    }

    @Override
    public void send(PacketBuffer packet) {
        DatagramChannel open = channel;
        try {
            if (open == null) {
                sendErrors.increment();
                return;
            }
            open.send(ByteBuffer.wrap(packet.array(), packet.arrayOffset(), packet.length()), peer);
        } catch (IOException e) {
            sendErrors.increment();
        } finally {
            packet.release();
        }
    }

    @Override
    public BackendState state() {
        return state;
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("peer", String.valueOf(peer), "sendErrors", sendErrors.value(), "foreign", foreign.value(),
                "receivedPackets", receivedPackets.value(), "receivedBytes", receivedBytes.value());
    }

    @Override
    public void close() {
        DatagramChannel open = channel;
        channel = null;
        Sockets.closeAndJoin(open, receiver, log);
        if (!(state instanceof BackendState.Disconnected)) {
            publish(new BackendState.Disconnected("stopped"));
        }
    }
}
