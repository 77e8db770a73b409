package dev.quetzal.plugin.ikev2.testing;

import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * IKE engines talking over memory instead of UDP: what a transport sends is queued, and {@link #pump} delivers it in
 * order to the engine registered for the destination, unless {@link #drop} says otherwise. Single-threaded.
 */
public final class InMemoryNetwork {
    /** One datagram as sent, without the non-ESP marker (the engines see IKE messages only). */
    public record Datagram(byte[] data, InetSocketAddress from, InetSocketAddress to) {
    }

    /** More deliveries than any exchange sequence in a test needs: an endless ping-pong stops here. */
    private static final int MAX_DELIVERIES = 1000;

    public final Deque<Datagram> queue = new ArrayDeque<>();
    /** Every datagram {@link #pump} handed to an engine, in order. */
    public final List<Datagram> delivered = new ArrayList<>();
    public final Map<InetSocketAddress, IkeEngine> engines = new HashMap<>();
    /** Datagrams it accepts are taken off the queue and never delivered (loss, or a test that delivers its own). */
    public Predicate<Datagram> drop = d -> false;

    /** A transport for one engine: everything it sends joins the queue. */
    public IkeTransport transport() {
        return (message, offset, length, local, peer) -> queue.add(new Datagram(
                Arrays.copyOfRange(message, offset, offset + length), local, peer));
    }

    /** Delivers queued datagrams, and those their delivery sends, until the queue is empty. */
    public void pump() {
        for (int i = 0; i < MAX_DELIVERIES && !queue.isEmpty(); i++) {
            Datagram d = queue.poll();
            if (drop.test(d)) {
                continue;
            }
            delivered.add(d);
            engines.get(d.to()).receive(d.data(), 0, d.data().length, d.from(), d.to());
        }
    }
}
