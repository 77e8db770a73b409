package dev.quetzal.runtime.router;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.napt.NaptTranslator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter chain between client sessions and the backend.
 *
 * <p>Outbound packets run the filters in order and go to the backend; inbound packets run them in
 * reverse and go to the session that owns the destination address. A {@link Verdict.Reply} turns the
 * packet around through the filters it already passed, once: a second turn is dropped as {@code
 * reply-loop}, so two filters answering each other cannot spin. A filter that throws or returns null
 * drops the packet as {@code filter-error}, logged at most once per 10 s per filter.
 *
 * <p>With NAPT on, an outbound packet is translated after the last filter and before the backend,
 * and an inbound packet before the first filter (so filters always see clients' own addresses); a
 * packet the translation refuses is dropped and counted there.
 *
 * <p>When a packet runs outbound without a known client (a reply to a packet from the network, or an
 * injected packet given no client), filters are passed the session that owns its source address, or
 * null.
 *
 * <p>The data path takes no lock (but NAPT's, when on) and allocates nothing: every counter it touches is registered at
 * construction or at {@link #bind}, except a filter's first use of a new drop reason. An exception
 * from {@link Backend#send} or {@link ClientSession#deliver} is counted as {@code delivery-error} and
 * logged at a limited rate; the packet is not released, as its ownership had passed.
 */
public final class DefaultPacketRouter implements PacketRouter {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPacketRouter.class);

    private final MetricsRegistry metrics;
    private final SessionTable sessions = new SessionTable();
    private volatile Pipeline pipeline;

    private final Metrics.Counter outboundPackets;
    private final Metrics.Counter outboundBytes;
    private final Metrics.Counter inboundPackets;
    private final Metrics.Counter inboundBytes;
    private final Metrics.Counter malformed;
    private final Metrics.Counter notRunning;
    private final Metrics.Counter noSession;
    private final Metrics.Counter deliveryErrors;
    private final LogRateLimit deliveryErrorLog = new LogRateLimit();

    public DefaultPacketRouter(MetricsRegistry metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Metrics global = metrics.global();
        String packetsHelp = "IP packets that entered the router, by direction.";
        String bytesHelp = "Bytes of IP packets that entered the router, by direction.";
        outboundPackets = global.counter("quetzal_router_packets_total", packetsHelp, "direction", "outbound");
        inboundPackets = global.counter("quetzal_router_packets_total", packetsHelp, "direction", "inbound");
        outboundBytes = global.counter("quetzal_router_bytes_total", bytesHelp, "direction", "outbound");
        inboundBytes = global.counter("quetzal_router_bytes_total", bytesHelp, "direction", "inbound");
        Metrics router = metrics.forComponent("router");
        malformed = router.counter(FilterCounters.DROPPED, FilterCounters.DROPPED_HELP, "reason", "malformed");
        notRunning = router.counter(FilterCounters.DROPPED, FilterCounters.DROPPED_HELP, "reason", "not-running");
        noSession = router.counter(FilterCounters.DROPPED, FilterCounters.DROPPED_HELP, "reason", "no-session");
        deliveryErrors = router.counter(FilterCounters.DROPPED, FilterCounters.DROPPED_HELP, "reason", "delivery-error");
        router.gauge("quetzal_router_sessions", "Client sessions attached to the router.",
                () -> sessions.sessions().size());
    }

    /** Starts routing through {@code filters} (client side first) to {@code backend}; replaces an earlier chain. */
    public void bind(List<NamedFilter> filters, Backend backend) {
        bind(filters, backend, null);
    }

    /** As {@link #bind(List, Backend)}, translating between clients and the uplink with {@code napt} (null: off). */
    public void bind(List<NamedFilter> filters, Backend backend, NaptTranslator napt) {
        pipeline = new Pipeline(List.copyOf(filters), backend, napt, metrics);
    }

    /** Stops routing: packets from now on are dropped as {@code not-running}. */
    public void unbind() {
        pipeline = null;
    }

    @Override
    public void fromClient(ClientSession session, PacketBuffer packet) {
        outboundPackets.increment();
        outboundBytes.add(packet.length());
        Pipeline current = pipeline;
        if (current == null) {
            drop(notRunning, packet);
        } else if (!isWellFormed(packet)) {
            drop(malformed, packet);
        } else {
            outbound(current, 0, packet, session, false);
        }
    }

    @Override
    public void fromNetwork(PacketBuffer packet) {
        inboundPackets.increment();
        inboundBytes.add(packet.length());
        Pipeline current = pipeline;
        if (current == null) {
            drop(notRunning, packet);
        } else if (!isWellFormed(packet)) {
            drop(malformed, packet);
        } else if (translatedFromUplink(current, packet)) {
            inbound(current, current.filters.length - 1, packet, null, false);
        }
    }

    /**
     * Continues a packet that filter {@code filterIndex} made: {@link Direction#OUTBOUND} through the
     * filters after it and the backend, {@link Direction#INBOUND} through the filters before it and
     * then to {@code client}, or to the owner of the destination address when {@code client} is
     * null. Takes ownership.
     *
     * @throws IndexOutOfBoundsException when no filter has that index (the packet is released)
     */
    public void inject(int filterIndex, Direction direction, PacketBuffer packet, ClientSession client) {
        Pipeline current = pipeline;
        if (current == null) {
            drop(notRunning, packet);
            return;
        }
        if (filterIndex < 0 || filterIndex >= current.filters.length) {
            drop(notRunning, packet);
            throw new IndexOutOfBoundsException("no filter #" + filterIndex + " in a chain of " + current.filters.length);
        }
        if (!isWellFormed(packet)) {
            drop(malformed, packet);
        } else if (direction == Direction.OUTBOUND) {
            outbound(current, filterIndex + 1, packet, client != null ? client : sourceOwner(packet), false);
        } else {
            inbound(current, filterIndex - 1, packet, client, false);
        }
    }

    @Override
    public Attachment attach(ClientSession session) {
        return sessions.attach(session);
    }

    /** Sessions with an open attachment, in attach order. */
    public List<ClientSession> attachedSessions() {
        return sessions.sessions();
    }

    private void outbound(Pipeline current, int from, PacketBuffer packet, ClientSession client, boolean turned) {
        PacketFilter[] filters = current.filters;
        for (int i = from; i < filters.length; i++) {
            Verdict verdict;
            try {
                verdict = filters[i].outbound(packet, client);
            } catch (Throwable e) {
                filterFailed(current.counters[i], Direction.OUTBOUND, packet, e);
                return;
            }
            if (!(verdict instanceof Verdict.Pass)) {
                if (verdict instanceof Verdict.Reply && !turned) {
                    inbound(current, i - 1, packet, client, true);
                } else {
                    stop(current.counters[i], Direction.OUTBOUND, verdict, packet);
                }
                return;
            }
        }
        if (!translatedToUplink(current, packet)) {
            return;
        }
        try {
            current.backend.send(packet);
        } catch (Throwable e) {
            deliveryFailed("backend", e);
        }
    }

    private void inbound(Pipeline current, int from, PacketBuffer packet, ClientSession client, boolean turned) {
        PacketFilter[] filters = current.filters;
        for (int i = from; i >= 0; i--) {
            Verdict verdict;
            try {
                verdict = filters[i].inbound(packet);
            } catch (Throwable e) {
                filterFailed(current.counters[i], Direction.INBOUND, packet, e);
                return;
            }
            if (!(verdict instanceof Verdict.Pass)) {
                if (verdict instanceof Verdict.Reply && !turned) {
                    outbound(current, i + 1, packet, client != null ? client : sourceOwner(packet), true);
                } else {
                    stop(current.counters[i], Direction.INBOUND, verdict, packet);
                }
                return;
            }
        }
        ClientSession target = client;
        if (target == null) {
            if (!hasAddresses(packet)) {
                drop(malformed, packet);
                return;
            }
            target = destinationOwner(packet);
            if (target == null) {
                drop(noSession, packet);
                return;
            }
        }
        try {
            target.deliver(packet);
        } catch (Throwable e) {
            deliveryFailed("session " + target.id(), e);
        }
    }

    /** The NAPT step towards the backend: false when the translation dropped the packet. */
    private boolean translatedToUplink(Pipeline current, PacketBuffer packet) {
        if (current.napt == null) {
            return true;
        }
        try {
            return current.napt.outbound(packet);
        } catch (IndexOutOfBoundsException e) {
            // A filter may have left a header the router's check did not cover; never let it kill a loop.
            drop(malformed, packet);
            return false;
        }
    }

    /** The NAPT step from the backend: false when the translation dropped the packet. */
    private boolean translatedFromUplink(Pipeline current, PacketBuffer packet) {
        if (current.napt == null) {
            return true;
        }
        try {
            return current.napt.inbound(packet);
        } catch (IndexOutOfBoundsException e) {
            drop(malformed, packet);
            return false;
        }
    }

    /** Every verdict but Pass and a first Reply: the packet goes no further. */
    private void stop(FilterCounters counters, Direction direction, Verdict verdict, PacketBuffer packet) {
        switch (verdict) {
            case Verdict.Drop drop -> drop(counters.dropped(drop.reason()), packet);
            case Verdict.Consumed consumed -> {
                // The filter owns the packet now.
            }
            case Verdict.Reply reply -> drop(counters.replyLoops, packet);
            case null -> filterFailed(counters, direction, packet,
                    new NullPointerException("filter " + counters.name + " returned a null verdict"));
            case Verdict.Pass pass -> throw new AssertionError("Pass does not stop a packet");
        }
    }

    private void filterFailed(FilterCounters counters, Direction direction, PacketBuffer packet, Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            packet.release();
            throw fatal;
        }
        drop(counters.filterErrors, packet);
        long quiet = counters.errorLog.admit();
        if (quiet >= 0) {
            LOG.warn("filter {} failed on an {} packet; the packet is dropped ({} more failures not logged in the last"
                    + " interval)", counters.name, direction.name().toLowerCase(Locale.ROOT), quiet, error);
        }
    }

    private void deliveryFailed(String target, Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        deliveryErrors.increment();
        long quiet = deliveryErrorLog.admit();
        if (quiet >= 0) {
            LOG.warn("{} threw while taking a packet ({} more delivery errors not logged in the last interval)", target,
                    quiet, error);
        }
    }

    private static void drop(Metrics.Counter counter, PacketBuffer packet) {
        counter.increment();
        packet.release();
    }

    private static boolean isWellFormed(PacketBuffer packet) {
        return switch (packet.ipVersion()) {
            case 4 -> Ipv4Header.isWellFormed(packet);
            case 6 -> Ipv6Header.isWellFormed(packet);
            default -> false;
        };
    }

    /** Enough header to read both addresses; filters may have rewritten the packet since it was validated. */
    private static boolean hasAddresses(PacketBuffer packet) {
        int version = packet.ipVersion();
        return (version == 4 && packet.length() >= Ipv4Header.MIN_LENGTH)
                || (version == 6 && packet.length() >= Ipv6Header.LENGTH);
    }

    private ClientSession destinationOwner(PacketBuffer packet) {
        return packet.ipVersion() == 4
                ? sessions.findIpv4(Ipv4Header.destination(packet))
                : sessions.findIpv6(Ipv6Header.destinationHigh(packet), Ipv6Header.destinationLow(packet));
    }

    private ClientSession sourceOwner(PacketBuffer packet) {
        if (!hasAddresses(packet)) {
            return null;
        }
        return packet.ipVersion() == 4
                ? sessions.findIpv4(Ipv4Header.source(packet))
                : sessions.findIpv6(Ipv6Header.sourceHigh(packet), Ipv6Header.sourceLow(packet));
    }
}
