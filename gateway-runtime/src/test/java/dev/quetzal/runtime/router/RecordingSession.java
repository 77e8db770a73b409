package dev.quetzal.runtime.router;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A client session that keeps what it is given, so tests can look at it. */
final class RecordingSession implements ClientSession {
    final List<PacketBuffer> delivered = new ArrayList<>();
    private final String id;
    private final List<IpAddress> addresses;

    RecordingSession(String id, String... innerAddresses) {
        this.id = id;
        this.addresses = Arrays.stream(innerAddresses).map(IpAddress::parse).toList();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String identity() {
        return "user-" + id;
    }

    @Override
    public List<IpAddress> innerAddresses() {
        return addresses;
    }

    @Override
    public InetSocketAddress remoteEndpoint() {
        return new InetSocketAddress("127.0.0.1", 4500);
    }

    @Override
    public void deliver(PacketBuffer packet) {
        delivered.add(packet);
    }

    @Override
    public String toString() {
        return "RecordingSession[" + id + "]";
    }
}
