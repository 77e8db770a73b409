package dev.quetzal.runtime.napt;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.config.NaptSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Translates clients' packets onto the uplink's address and back (NAPT, RFC 3022 §2.2) for TCP
 * (RFC 5382), UDP (RFC 4787) and ICMP queries and errors (RFC 5508).
 *
 * <p>Outbound, the client's source address and port (or ICMP echo identifier) become the uplink's
 * address of that family and the mapping's external port; inbound, a packet to the uplink's address
 * goes back to the client of its mapping; without one it is the gateway's own (a filter's lookup) and
 * goes on untranslated, counted as unmapped. ICMP errors have
 * their embedded packet translated too (RFC 5508 REQ-3, RFC 5382 REQ-9). Fragments after the first
 * carry no ports and are dropped as {@code napt-fragment}; first fragments are translated.
 *
 * <p>The table is guarded by this object's lock: frontends send from several threads and the
 * backend receives on another, and a translation is a few array reads and writes, so one short
 * critical section beats finer locking. Nothing is allocated per packet.
 */
public final class NaptTranslator {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP4 = 1;
    static final int ICMP6 = 58;

    private final NaptTable table;
    private final NaptCounters counters;
    private final IcmpErrors errors;
    private final TimeSource time;
    private final long udpNanos;
    private final long tcpEstablishedNanos;
    private final long tcpTransitoryNanos;
    private final long icmpNanos;
    private final PacketLayout layout = new PacketLayout();
    private final long[] expired = new long[NaptTable.KINDS];
    private final ClientLimitLog limitLog = new ClientLimitLog();

    private boolean hasIpv4;
    private int uplink4;
    private boolean hasIpv6;
    private long uplink6High;
    private long uplink6Low;
    private List<IpAddress> translatedTo = List.of();

    public NaptTranslator(NaptSettings settings, TimeSource time, Metrics metrics) {
        Objects.requireNonNull(settings, "settings");
        this.time = Objects.requireNonNull(time, "time");
        table = new NaptTable(settings.maxMappings(), settings.maxPerClient(), settings.portLow(), settings.portHigh());
        counters = new NaptCounters(metrics);
        for (int k = 0; k < NaptTable.KINDS; k++) {
            int kind = k;
            // A plain read of a count the lock holder updates: a gauge may be a moment stale.
            metrics.gauge("quetzal_napt_mappings", "Live NAPT mappings, by kind.", () -> table.live(kind), "kind",
                    NaptCounters.KIND_NAMES[k]);
        }
        errors = new IcmpErrors(table);
        udpNanos = settings.udpTimeout().toNanos();
        tcpEstablishedNanos = settings.tcpEstablishedTimeout().toNanos();
        tcpTransitoryNanos = settings.tcpTransitoryTimeout().toNanos();
        icmpNanos = settings.icmpTimeout().toNanos();
    }

    /**
     * Takes the uplink's addresses (the first of each family); when either differs from before, every
     * mapping is forgotten, as the far ends know them by the old address. Returns whether it flushed.
     */
    public synchronized boolean setUplinkAddresses(List<IpAddress> addresses) {
        boolean v4 = false;
        int a4 = 0;
        boolean v6 = false;
        long h6 = 0;
        long l6 = 0;
        List<IpAddress> chosen = new ArrayList<>(2);
        for (IpAddress address : addresses) {
            if (address instanceof Ipv4Address ip && !v4) {
                v4 = true;
                a4 = ip.bits();
                chosen.add(ip);
            } else if (address instanceof Ipv6Address ip && !v6) {
                v6 = true;
                h6 = ip.high();
                l6 = ip.low();
                chosen.add(ip);
            }
        }
        translatedTo = List.copyOf(chosen);
        boolean changed = v4 != hasIpv4 || a4 != uplink4 || v6 != hasIpv6 || h6 != uplink6High || l6 != uplink6Low;
        boolean flush = changed && table.size() > 0;
        if (flush) {
            table.clear();
            counters.flushes.increment();
        }
        hasIpv4 = v4;
        uplink4 = a4;
        hasIpv6 = v6;
        uplink6High = h6;
        uplink6Low = l6;
        return flush;
    }

    /**
     * Translates a packet on its way to the backend. Returns true when it should go on; false when it
     * was dropped (counted and released).
     */
    public synchronized boolean outbound(PacketBuffer packet) {
        int family = packet.ipVersion() == 4 ? 0 : 1;
        if (family == 0 ? !hasIpv4 : !hasIpv6) {
            return drop(counters.noUplinkAddress, packet);
        }
        if (family == 0 ? Ipv4Header.source(packet) == uplink4
                : Ipv6Header.sourceHigh(packet) == uplink6High && Ipv6Header.sourceLow(packet) == uplink6Low) {
            return true; // already the uplink's address: a client that was given it, or the gateway's own packet
        }
        int kind = classify(packet, family);
        if (kind < 0) {
            return false;
        }
        int l4 = layout.transport;
        long now = time.nanoTime();
        int slot;
        if (kind != NaptTable.ICMP) {
            boolean udp = kind == NaptTable.UDP;
            slot = map(packet, family * 3 + kind, packet.getUnsignedShort(l4), now);
            if (slot < 0) {
                return false;
            }
            if (!udp) {
                table.trackTcp(slot, packet.getUnsignedByte(l4 + 13), true);
            }
            int checksum = l4 + (udp ? 6 : 16);
            rewriteSource(packet, family, checksum, udp);
            Rewrites.port(packet, l4, table.externalPort(slot), checksum, udp, Rewrites.NONE);
        } else {
            int type = packet.getUnsignedByte(l4);
            if (IcmpErrors.isEchoRequest(family, type)) {
                slot = map(packet, family * 3 + NaptTable.ICMP, packet.getUnsignedShort(l4 + 4), now);
                if (slot < 0) {
                    return false;
                }
                rewriteSource(packet, family, family == 0 ? Rewrites.NONE : l4 + 2, false);
                Rewrites.port(packet, l4 + 4, table.externalPort(slot), l4 + 2, false, Rewrites.NONE);
            } else if (IcmpErrors.isError(family, type)) {
                slot = errors.findForOutbound(packet, l4, layout.end, family);
                if (slot < 0) {
                    return drop(slot == IcmpErrors.MALFORMED ? counters.malformed : counters.noMapping, packet);
                }
                errors.translateOutbound(packet, l4, slot, uplink4, uplink6High, uplink6Low);
                rewriteSource(packet, family, family == 0 ? Rewrites.NONE : l4 + 2, false);
            } else {
                return drop(counters.unsupported, packet);
            }
        }
        table.touch(slot, now);
        counters.outbound.increment();
        return true;
    }

    /**
     * Translates a packet from the backend. Packets not addressed to the uplink's address pass
     * unchanged; those that are go to their mapping's client or are dropped. Returns true when the
     * packet should go on.
     */
    public synchronized boolean inbound(PacketBuffer packet) {
        int family = packet.ipVersion() == 4 ? 0 : 1;
        if (family == 0 ? !hasIpv4 || Ipv4Header.destination(packet) != uplink4
                : !hasIpv6 || Ipv6Header.destinationHigh(packet) != uplink6High
                        || Ipv6Header.destinationLow(packet) != uplink6Low) {
            return true;
        }
        int kind = classify(packet, family);
        if (kind < 0) {
            return false;
        }
        int l4 = layout.transport;
        int slot;
        if (kind != NaptTable.ICMP) {
            boolean udp = kind == NaptTable.UDP;
            slot = table.findInbound(family * 3 + kind, packet.getUnsignedShort(l4 + 2));
            if (slot < 0) {
                return unmapped();
            }
            if (!udp) {
                table.trackTcp(slot, packet.getUnsignedByte(l4 + 13), false);
            }
            int checksum = l4 + (udp ? 6 : 16);
            rewriteDestination(packet, family, slot, checksum, udp);
            Rewrites.port(packet, l4 + 2, table.clientPort(slot), checksum, udp, Rewrites.NONE);
        } else {
            int type = packet.getUnsignedByte(l4);
            if (IcmpErrors.isEchoReply(family, type)) {
                slot = table.findInbound(family * 3 + NaptTable.ICMP, packet.getUnsignedShort(l4 + 4));
                if (slot < 0) {
                    return unmapped();
                }
                rewriteDestination(packet, family, slot, family == 0 ? Rewrites.NONE : l4 + 2, false);
                Rewrites.port(packet, l4 + 4, table.clientPort(slot), l4 + 2, false, Rewrites.NONE);
            } else if (IcmpErrors.isError(family, type)) {
                slot = errors.findForInbound(packet, l4, layout.end, family, uplink4, uplink6High, uplink6Low);
                if (slot == IcmpErrors.MALFORMED) {
                    return drop(counters.malformed, packet);
                }
                if (slot < 0) {
                    return unmapped();
                }
                errors.translateInbound(packet, l4, slot);
                rewriteDestination(packet, family, slot, family == 0 ? Rewrites.NONE : l4 + 2, false);
            } else {
                // An echo request or other ICMP to the uplink address is for whoever holds it: a client that was
                // given the uplink's address itself, or nobody, and then the router drops it.
                return unmapped();
            }
        }
        table.touch(slot, time.nanoTime());
        counters.inbound.increment();
        return true;
    }

    /** Removes idle mappings; run periodically on the scheduler, never per packet. */
    public synchronized void sweep() {
        java.util.Arrays.fill(expired, 0);
        table.sweep(time.nanoTime(), udpNanos, tcpEstablishedNanos, tcpTransitoryNanos, icmpNanos, expired);
        for (int k = 0; k < NaptTable.KINDS; k++) {
            counters.expired[k].add(expired[k]);
        }
    }

    /** A point-in-time summary for {@code /status}. */
    public synchronized NaptStatus status(int topClients) {
        return NaptStatus.of(translatedTo, table, counters, topClients);
    }

    private int map(PacketBuffer packet, int kind, int port, long now) {
        int family = kind / 3;
        long high = family == 0 ? 0 : Ipv6Header.sourceHigh(packet);
        long low = family == 0 ? Ipv4Header.source(packet) & 0xFFFFFFFFL : Ipv6Header.sourceLow(packet);
        int slot = table.findOutbound(kind, high, low, port);
        if (slot >= 0) {
            return slot;
        }
        slot = table.create(kind, high, low, port, now);
        switch (slot) {
            case NaptTable.TABLE_FULL -> drop(counters.tableFull, packet);
            case NaptTable.PORTS_EXHAUSTED -> drop(counters.portsExhausted, packet);
            case NaptTable.CLIENT_LIMIT -> {
                if (table.firstRefusal(family, high, low)) {
                    limitLog.refused(family, high, low);
                }
                drop(counters.clientLimit, packet);
            }
            default -> counters.created[kind].increment();
        }
        return slot;
    }

    private void rewriteSource(PacketBuffer packet, int family, int checksum, boolean udp) {
        if (family == 0) {
            Rewrites.address4(packet, 0, Ipv4Header.SOURCE_OFFSET, uplink4, checksum, udp, Rewrites.NONE);
        } else {
            Rewrites.address6(packet, Ipv6Header.SOURCE_OFFSET, uplink6High, uplink6Low, checksum, udp,
                    Rewrites.NONE);
        }
    }

    private void rewriteDestination(PacketBuffer packet, int family, int slot, int checksum, boolean udp) {
        if (family == 0) {
            Rewrites.address4(packet, 0, Ipv4Header.DESTINATION_OFFSET, (int) table.clientLow(slot), checksum, udp,
                    Rewrites.NONE);
        } else {
            Rewrites.address6(packet, Ipv6Header.DESTINATION_OFFSET, table.clientHigh(slot), table.clientLow(slot),
                    checksum, udp, Rewrites.NONE);
        }
    }

    /**
     * Reads the packet's layout and returns its mapping protocol ({@link NaptTable#TCP}, UDP or
     * ICMP) with a whole transport header, or -1 after dropping it with the reason.
     */
    private int classify(PacketBuffer packet, int family) {
        int status = layout.read(packet, 0, packet.length());
        if (status != PacketLayout.OK) {
            drop(layoutReason(status), packet);
            return -1;
        }
        int protocol = layout.protocol;
        int kind = protocol == TCP ? NaptTable.TCP : protocol == UDP ? NaptTable.UDP
                : protocol == (family == 0 ? ICMP4 : ICMP6) ? NaptTable.ICMP : -1;
        if (kind < 0) {
            drop(counters.unsupported, packet);
            return -1;
        }
        if (layout.transport + (kind == NaptTable.TCP ? 20 : 8) > layout.end) {
            drop(counters.malformed, packet);
            return -1;
        }
        return kind;
    }

    private Metrics.Counter layoutReason(int status) {
        return switch (status) {
            case PacketLayout.LATER_FRAGMENT -> counters.fragment;
            case PacketLayout.UNSUPPORTED -> counters.unsupported;
            default -> counters.malformed;
        };
    }

    private static boolean drop(Metrics.Counter counter, PacketBuffer packet) {
        counter.increment();
        packet.release();
        return false;
    }

    /**
     * A packet to the uplink's address that no client mapping claims belongs to the gateway's own flows
     * (a filter's DNS lookup sent from the uplink address): it goes on untranslated to the filters, and
     * the router drops it as having no session when no filter takes it.
     */
    private boolean unmapped() {
        counters.unmapped.increment();
        return true;
    }
}
