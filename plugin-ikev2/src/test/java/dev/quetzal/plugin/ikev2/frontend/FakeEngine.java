package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the IKE state machines: records every message and tick, answers each message with
 * "re:" + the message through the transport, and on a message "install" puts in a fixed-key Child SA for
 * the sender (as IKE_AUTH would, RFC 7296 §1.2).
 */
final class FakeEngine implements IkeEngine {
    static final int OUR_SPI = 0xC0DE_0001;
    static final int PEER_SPI = 0xFEED_0001;

    record Received(String message, InetSocketAddress peer, InetSocketAddress local) {}

    final IkeEngineFactory.Bindings bindings;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final List<Long> ticks = new CopyOnWriteArrayList<>();
    /** The clock's nanos at each route change the frontend passed on. */
    final List<Long> routeChanges = new CopyOnWriteArrayList<>();
    final List<Dataplane.ChildSa> installed = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    FakeEngine(IkeEngineFactory.Bindings bindings) {
        this.bindings = bindings;
    }

    Received next() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void receive(byte[] message, int offset, int length, InetSocketAddress peer, InetSocketAddress local) {
        String text = new String(message, offset, length, StandardCharsets.US_ASCII);
        if (text.equals("install")) {
            installed.add(bindings.dataplane().install(Fixtures.spec("ike-" + peer.getPort(), OUR_SPI, PEER_SPI, peer,
                    local, 0)));
        }
        byte[] reply = ("re:" + text).getBytes(StandardCharsets.US_ASCII);
        bindings.transport().send(reply, 0, reply.length, local, peer);
        received.add(new Received(text, peer, local));
    }

    @Override
    public void tick(long nowNanos) {
        ticks.add(nowNanos);
    }

    @Override
    public void routesChanged() {
        routeChanges.add(bindings.context().time().nanoTime());
    }

    @Override
    public void espPeerMoved(String ikeSaId, java.net.InetSocketAddress peer) {
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("ikeSas", installed.size());
    }

    @Override
    public void close() {
        closed = true;
    }
}
