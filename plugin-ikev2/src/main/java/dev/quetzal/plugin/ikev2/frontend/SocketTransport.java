package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import dev.quetzal.plugin.ikev2.esp.UdpEncapsulation;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the engine's IKE messages from the socket whose port is the message's local port, with the
 * 4-byte non-ESP marker exactly when neither port is 500 (RFC 3948 §2.2 as strongSwan applies it,
 * strongswan.md §2): none on port 500, one on the NAT-T port or a custom single port.
 */
final class SocketTransport implements IkeTransport, EspSender {
    private static final Logger log = LoggerFactory.getLogger(SocketTransport.class);

    /** An array, not a list: the ESP path looks up here per packet and must not allocate an iterator. */
    private final UdpEndpoint[] endpoints;
    private final FrontendCounters counters;

    SocketTransport(List<UdpEndpoint> endpoints, FrontendCounters counters) {
        this.endpoints = endpoints.toArray(UdpEndpoint[]::new);
        this.counters = counters;
    }

    @Override
    public void send(byte[] message, int offset, int length, InetSocketAddress local, InetSocketAddress peer) {
        UdpEndpoint endpoint = endpoint(local.getPort());
        if (endpoint == null) {
            counters.sendErrors.increment();
            log.warn("no socket on local port {} for an IKE message to {}", local.getPort(), peer);
            return;
        }
        byte[] framed = frame(message, offset, length, endpoint.port(), peer.getPort());
        if (!endpoint.send(framed, 0, framed.length, peer)) {
            counters.sendErrors.increment();
        }
    }

    @Override
    public boolean send(PacketBuffer packet, InetSocketAddress peer, int localPort) {
        UdpEndpoint endpoint = endpoint(localPort);
        return endpoint != null && endpoint.send(packet.array(), packet.arrayOffset(), packet.length(), peer);
    }

    /** The datagram payload for an IKE message between these ports: behind the marker unless a port is 500. */
    static byte[] frame(byte[] message, int offset, int length, int localPort, int remotePort) {
        int skip = UdpEncapsulation.markerUsed(localPort, remotePort) ? UdpEncapsulation.NON_ESP_MARKER_LENGTH : 0;
        byte[] framed = new byte[skip + length];
        System.arraycopy(message, offset, framed, skip, length);
        return framed;
    }

    private UdpEndpoint endpoint(int port) {
        for (UdpEndpoint endpoint : endpoints) {
            if (endpoint.port() == port) {
                return endpoint;
            }
        }
        return null;
    }
}
