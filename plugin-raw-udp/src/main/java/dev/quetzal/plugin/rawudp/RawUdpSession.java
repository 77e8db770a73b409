package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** One client of the raw-udp frontend: a UDP endpoint and the inner address its first packet came from. */
final class RawUdpSession implements ClientSession {
    private final String id;
    private final InetSocketAddress endpoint;
    private final IpAddress innerAddress;
    private final DatagramChannel channel;
    private final Metrics.Counter sendErrors;
    private volatile long lastSeenNanos;
    private PacketRouter.Attachment attachment;

    RawUdpSession(String id, InetSocketAddress endpoint, IpAddress innerAddress, DatagramChannel channel,
            Metrics.Counter sendErrors, long nowNanos) {
        this.id = id;
        this.endpoint = endpoint;
        this.innerAddress = innerAddress;
        this.channel = channel;
        this.sendErrors = sendErrors;
        this.lastSeenNanos = nowNanos;
    }

    void attach(PacketRouter router) {
        attachment = router.attach(this);
    }

    void detach() {
        if (attachment != null) {
            attachment.close();
        }
    }

    void seen(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String identity() {
        return "udp:" + endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort();
    }

    @Override
    public List<IpAddress> innerAddresses() {
        return List.of(innerAddress);
    }

    @Override
    public InetSocketAddress remoteEndpoint() {
        return endpoint;
    }

    @Override
    public void deliver(PacketBuffer packet) {
        try {
            channel.send(ByteBuffer.wrap(packet.array(), packet.arrayOffset(), packet.length()), endpoint);
        } catch (IOException e) {
            sendErrors.increment();
        } finally {
            packet.release();
        }
    }
}
