package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.esp.EspDecryptResult;
import dev.quetzal.plugin.ikev2.esp.EspSaStats;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESP data plane (RFC 4303 in RFC 3948 UDP): inbound SPI to SA, one {@link Ikev2Session} per IKE SA.
 * A received ESP packet is looked up by SPI, verified and decrypted in place, checked against the SA's
 * selectors (RFC 4301 §5.2) and handed to the router; a verified packet from a new address moves the
 * peer (NAT rebinding, RFC 7296 §2.23) unless the engine said its IKE SA does not follow rebindings. Reads on the data path take no lock and allocate nothing;
 * install and remove serialize on this object.
 */
public final class EspDataplane implements Dataplane {
    private static final Logger log = LoggerFactory.getLogger(EspDataplane.class);

    private final PacketRouter router;
    private final TimeSource time;
    private final EspSender sender;
    private final FrontendCounters counters;
    private final SpiTable<InstalledSa> spis = new SpiTable<>();
    private final Map<String, Ikev2Session> sessions = new ConcurrentHashMap<>();
    /** Told of each move ESP made on its own, so the IKE SA follows (IkeEngine#espPeerMoved). */
    private volatile BiConsumer<String, InetSocketAddress> rebound = (id, peer) -> { };

    EspDataplane(PacketRouter router, TimeSource time, EspSender sender, FrontendCounters counters) {
        this.router = router;
        this.time = time;
        this.sender = sender;
        this.counters = counters;
    }

    @Override
    public synchronized ChildSa install(ChildSaSpec spec) {
        int spi = spec.esp().inboundSpi();
        if (spis.get(spi) != null) {
            throw new IllegalArgumentException("inbound SPI " + Integer.toHexString(spi) + " is already installed");
        }
        Ikev2Session session = sessions.get(spec.ikeSaId());
        boolean fresh = session == null;
        if (fresh) {
            session = new Ikev2Session(spec.ikeSaId(), spec.identity(), spec.innerAddresses(), spec.peer(), sender,
                    counters);
        } else if (session.movePeer(spec.peer())) {
            // The spec carries the IKE SA's current peer; a rekey after a move brings the news too.
            counters.peerMoves.increment();
        }
        session.followsRebinding(spec.followsRebinding());
        InstalledSa replaced = spec.replaces() == 0 ? null : spis.get(spec.replaces());
        if (replaced != null && replaced.session != session) {
            replaced = null;
        }
        InstalledSa sa = new InstalledSa(spec, session, this);
        session.add(sa, replaced);
        spis.put(spi, sa);
        if (fresh) {
            sessions.put(spec.ikeSaId(), session);
            // The router moves these addresses from any older session (a reconnect): the newest SA wins.
            session.attached(router.attach(session));
        }
        log.debug("installed {}{}", sa, replaced == null ? "" : " replacing " + replaced);
        return sa;
    }

    synchronized void remove(InstalledSa sa) {
        if (!spis.remove(sa.inboundSpi(), sa)) {
            return;
        }
        Ikev2Session session = sa.session;
        if (session.remove(sa)) {
            sessions.remove(session.id(), session);
            session.detach();
        }
        log.debug("removed {}", sa);
    }

    /** Who hears of a NAT rebinding ESP followed (the engine, which moves the IKE SA too). */
    void onRebinding(BiConsumer<String, InetSocketAddress> listener) {
        rebound = listener;
    }

    @Override
    public void followRebinding(String ikeSaId, boolean follows) {
        Ikev2Session session = sessions.get(ikeSaId);
        if (session != null) {
            session.followsRebinding(follows);
        }
    }

    @Override
    public void peerMoved(String ikeSaId, InetSocketAddress peer) {
        Ikev2Session session = sessions.get(ikeSaId);
        if (session != null && session.movePeer(peer)) {
            counters.peerMoves.increment();
        }
    }

    /**
     * One ESP-in-UDP datagram (starting at the SPI) from {@code from}, received on {@code localPort}. Takes
     * ownership of the buffer. Must be called by the one thread that receives on {@code localPort}.
     */
    void receive(PacketBuffer datagram, InetSocketAddress from, int localPort) {
        InstalledSa sa = spis.get(datagram.getInt(0));
        if (sa == null) {
            drop(counters.unknownSpi, datagram);
            return;
        }
        if (sa.localPort != localPort) {
            // Its receiving thread is another socket's: EspSa allows one decrypting thread per SA.
            drop(counters.wrongPort, datagram);
            return;
        }
        int sequenceLow = datagram.getInt(4);
        EspDecryptResult result = sa.esp.decrypt(datagram);
        if (result instanceof EspDecryptResult.Drop dropped) {
            drop(counters.drop(dropped.reason()), datagram);
            return;
        }
        if (!sa.policy.inboundAllowed(datagram)) {
            drop(counters.tsViolation, datagram);
            return;
        }
        sa.verifiedAt(time.nanoTime());
        Ikev2Session session = sa.session;
        // Follow a new address only for the newest packet, so a late reordered one cannot move it back; and only
        // where the IKE SA would follow it too (a NAT in front of the peer, no MOBIKE: RFC 7296 §2.23, RFC 4555 §3.5).
        InetSocketAddress before = session.remoteEndpoint();
        if (session.followsRebinding() && (int) sa.esp.inboundHighestSequence() == sequenceLow
                && session.movePeer(from)) {
            counters.peerMoves.increment();
            log.info("ESP peer of {} moved: {} -> {} (NAT rebinding)", session.id(), before, from);
            rebound.accept(session.id(), from);
        }
        counters.espInPackets.increment();
        counters.espInBytes.add(datagram.length());
        router.fromClient(session, datagram);
    }

    private static void drop(Metrics.Counter counter, PacketBuffer datagram) {
        counter.increment();
        datagram.release();
    }

    /** Current sessions, for {@code Frontend.sessions()}. */
    List<Ikev2Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /**
     * Each client for the status page: its session, addresses, peer, and each Child SA's selectors and
     * inner-packet counters (RFC 4301 §4.4.2.1 keeps these per SA).
     */
    List<Map<String, Object>> clientStatus() {
        List<Map<String, Object>> clients = new ArrayList<>();
        for (Ikev2Session session : sessions.values()) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("session", session.id());
            client.put("identity", session.identity());
            client.put("addresses", session.innerAddresses().stream().map(Object::toString).toList());
            client.put("peer", String.valueOf(session.remoteEndpoint()));
            List<Map<String, Object>> children = new ArrayList<>();
            for (InstalledSa sa : session.childSas()) {
                EspSaStats stats = sa.esp.stats();
                Map<String, Object> child = new LinkedHashMap<>();
                child.put("inboundSpi", Integer.toHexString(sa.inboundSpi()));
                child.put("localSelectors", sa.localSelectors.stream().map(TrafficSelector::text).toList());
                child.put("remoteSelectors", sa.remoteSelectors.stream().map(TrafficSelector::text).toList());
                child.put("inboundPackets", stats.inboundPackets());
                child.put("inboundBytes", stats.inboundBytes());
                child.put("outboundPackets", stats.outboundPackets());
                child.put("outboundBytes", stats.outboundBytes());
                children.add(child);
            }
            client.put("childSas", children);
            clients.add(client);
        }
        return clients;
    }

    int childSaCount() {
        return spis.size();
    }

    /** Removes every SA and detaches every session (shutdown). */
    synchronized void close() {
        for (InstalledSa sa : spis.values()) {
            remove(sa);
        }
    }
}
