package dev.quetzal.emulator.tunnel;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.emulator.network.IpPackets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The tunnels that are up, and the route from a packet's destination address to the tunnel that owns
 * it. A session's IPv4 and IPv6 addresses are the same offset into their pools, so one array indexed
 * by that offset serves both families without hashing or allocation.
 */
public final class TunnelRegistry implements CorporateNetwork.ClientSink {
    private final int base;
    private final int size;
    private final long base6High;
    private final long base6Low;
    private final AtomicReferenceArray<TunnelConnection> byIndex;
    private final Set<TunnelConnection> all = ConcurrentHashMap.newKeySet();
    private final Runnable unroutable;

    /** @param unroutable counts packets for addresses without a tunnel */
    public TunnelRegistry(TunnelSettings settings, Runnable unroutable) {
        this.base = ((Ipv4Address) settings.addressPool().address()).bits();
        this.size = 1 << (32 - settings.addressPool().length());
        Ipv6Address base6 = (Ipv6Address) settings.ipv6().prefix().address();
        this.base6High = base6.high();
        this.base6Low = base6.low();
        this.byIndex = new AtomicReferenceArray<>(size);
        this.unroutable = unroutable;
    }

    void register(int index, TunnelConnection tunnel) {
        all.add(tunnel);
        byIndex.set(index, tunnel);
    }

    void unregister(int index, TunnelConnection tunnel) {
        all.remove(tunnel);
        byIndex.compareAndSet(index, tunnel, null);
    }

    public List<TunnelConnection> tunnels() {
        return List.copyOf(all);
    }

    /** The tunnel of {@code address}, or null. */
    public TunnelConnection find(IpAddress address) {
        return switch (address) {
            case Ipv4Address v4 -> find4(v4.bits());
            case Ipv6Address v6 -> find6(v6.high(), v6.low());
        };
    }

    @Override
    public void toClient(byte[] packet, int offset, int length) {
        TunnelConnection tunnel = null;
        if (length >= IpPackets.IPV4_HEADER && (packet[offset] & 0xF0) == 0x40) {
            tunnel = find4(IpPackets.getInt(packet, offset + 16));
        } else if (length >= IpPackets.IPV6_HEADER && (packet[offset] & 0xF0) == 0x60) {
            tunnel = find6(IpPackets.getLong(packet, offset + 24), IpPackets.getLong(packet, offset + 32));
        }
        if (tunnel == null || !tunnel.sendToClient(packet, offset, length)) {
            unroutable.run();
        }
    }

    private TunnelConnection find4(int address) {
        long index = (address - base) & 0xFFFFFFFFL;
        return index < size ? byIndex.get((int) index) : null;
    }

    private TunnelConnection find6(long high, long low) {
        long index = low - base6Low;
        return high == base6High && Long.compareUnsigned(index, size) < 0 ? byIndex.get((int) index) : null;
    }
}
