package dev.quetzal.benchmarks.ike;

import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;

/** IKE datagrams between engines of one thread, in memory and in order: the benchmark's network, no sockets. */
final class MemoryWire implements IkeTransport {
    /** One datagram as the transport was asked to send it. */
    record Datagram(byte[] data, InetSocketAddress from, InetSocketAddress to) {
    }

    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();

    @Override
    public void send(byte[] message, int offset, int length, InetSocketAddress local, InetSocketAddress peer) {
        queue.add(new Datagram(Arrays.copyOfRange(message, offset, offset + length), local, peer));
    }

    /** The oldest datagram not yet taken, or null. */
    Datagram poll() {
        return queue.poll();
    }

    void clear() {
        queue.clear();
    }
}
