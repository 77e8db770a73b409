package dev.quetzal.plugin.ikev2.engine;

import dev.quetzal.plugin.ikev2.sa.FragmentationHook;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.sa.IkeSaTable;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The IKE engine with certificate authentication (RFC 7296, RFC 7427), both roles: a responder for the gateway
 * and, through {@link #initiate}, an initiator for tests and load generation. The state machines live in
 * {@link dev.quetzal.plugin.ikev2.sa}.
 */
public final class StandardIkeEngine implements IkeEngine {
    private final IkeSaTable table;

    public StandardIkeEngine(IkeSaConfig config, IkeTransport transport, Dataplane dataplane,
            IkeEnvironment environment, SecureRandom random, LongSupplier nanoClock, FragmentationHook fragmentation) {
        this.table = new IkeSaTable(config, transport, dataplane, environment, random, nanoClock, fragmentation);
    }

    /** Starts an IKE SA with {@code peer} as initiator (IKE_SA_INIT, then IKE_AUTH with a CP request). */
    public IkeSa initiate(InetSocketAddress peer, InetSocketAddress local) {
        return table.initiate(peer, local);
    }

    /** The SA table, for role-specific operations (liveness check, delete) and tests. */
    public IkeSaTable table() {
        return table;
    }

    @Override
    public void receive(byte[] message, int offset, int length, InetSocketAddress peer, InetSocketAddress local) {
        try {
            table.receive(message, offset, length, peer, local);
        } catch (RuntimeException e) {
            // The receive loop must survive a bug triggered by one message; the message is dropped and counted.
            table.counters().drop("internal_error", peer + ": " + e);
        }
    }

    @Override
    public void tick(long nowNanos) {
        table.tick(nowNanos);
    }

    @Override
    public void espPeerMoved(String ikeSaId, InetSocketAddress peer) {
        try {
            table.espPeerMoved(ikeSaId, peer);
        } catch (RuntimeException e) {
            // Called on a receive thread, which must survive a bug here.
            table.counters().drop("internal_error", "ESP peer move: " + e);
        }
    }

    @Override
    public void routesChanged() {
        try {
            table.routesChanged();
        } catch (RuntimeException e) {
            // The frontend's timer must survive a bug here; the push is lost until the next change, and counted.
            table.counters().drop("internal_error", "route push: " + e);
        }
    }

    @Override
    public Map<String, Object> status() {
        return table.status();
    }

    @Override
    public void close() {
        table.closeAll();
    }
}
