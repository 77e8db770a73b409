package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import dev.quetzal.plugin.ikev2.esp.UdpEncapsulation;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts the datagrams of both sockets (RFC 3948 §2): a NAT keepalive is counted and dropped, IKE goes to
 * the engine without its non-ESP marker, ESP goes to the data plane. The marker is decided by ports, not
 * by the first bytes (strongswan.md §2: no marker when either port is 500), the same rule on every socket,
 * so a custom IKE port works with or without it. Nothing here throws into the receive loop.
 */
final class DatagramDispatcher implements UdpEndpoint.Handler {
    private static final Logger log = LoggerFactory.getLogger(DatagramDispatcher.class);

    private final EspDataplane dataplane;
    private final FrontendCounters counters;
    private volatile IkeEngine engine;

    DatagramDispatcher(EspDataplane dataplane, FrontendCounters counters) {
        this.dataplane = dataplane;
        this.counters = counters;
    }

    void engine(IkeEngine engine) {
        this.engine = engine;
    }

    @Override
    public void onDatagram(PacketBuffer datagram, InetSocketAddress from, UdpEndpoint endpoint) {
        dispatch(datagram, from, endpoint.port(), endpoint.local());
    }

    /** Takes ownership of {@code datagram}, received from {@code from} on the socket at {@code local}. */
    void dispatch(PacketBuffer datagram, InetSocketAddress from, int localPort, InetSocketAddress local) {
        int remotePort = from.getPort();
        switch (UdpEncapsulation.classify(datagram, remotePort, localPort)) {
            case ESP -> {
                counters.espDatagrams.increment();
                dataplane.receive(datagram, from, localPort);
            }
            case IKE -> {
                counters.ikeDatagrams.increment();
                int skip = UdpEncapsulation.ikeOffset(remotePort, localPort);
                // The engine may keep the message (retransmission cache), so it gets its own copy and the
                // pooled buffer goes back at once.
                byte[] message = Arrays.copyOfRange(datagram.array(), datagram.arrayOffset() + skip,
                        datagram.arrayOffset() + datagram.length());
                datagram.release();
                toEngine(message, from, local);
            }
            case NAT_KEEPALIVE -> {
                counters.natKeepalives.increment();
                datagram.release();
            }
            case MALFORMED -> {
                counters.malformedDatagrams.increment();
                datagram.release();
            }
        }
    }

    private void toEngine(byte[] message, InetSocketAddress from, InetSocketAddress local) {
        IkeEngine current = engine;
        if (current == null) {
            return;
        }
        try {
            current.receive(message, 0, message.length, from, local);
        } catch (RuntimeException e) {
            counters.engineErrors.increment();
            log.warn("IKE engine failed on a message from {}: {}", from, e.toString(), e);
        }
    }
}
