package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The DNS server addresses whose queries DNS64 looks at: the servers the gateway hands out, each in
 * its own family and, for IPv4 ones, in its translated IPv6 form too, plus configured extras.
 * Immutable; {@link #isDestinationOf} reads the packet without allocating.
 */
final class InterceptedServers {
    static final InterceptedServers NONE = new InterceptedServers(new long[0], new int[0]);

    private final long[] ipv6; // high, low pairs
    private final int[] ipv4;

    private InterceptedServers(long[] ipv6, int[] ipv4) {
        this.ipv6 = ipv6;
        this.ipv4 = ipv4;
    }

    static InterceptedServers of(Collection<IpAddress> handedOut, List<IpAddress> configured, AddressSynthesis addresses) {
        Set<IpAddress> all = new LinkedHashSet<>();
        for (IpAddress server : handedOut) {
            add(all, server, addresses);
        }
        for (IpAddress server : configured) {
            add(all, server, addresses);
        }
        long[] v6 = all.stream().filter(a -> a instanceof Ipv6Address)
                .flatMapToLong(a -> java.util.stream.LongStream.of(((Ipv6Address) a).high(), ((Ipv6Address) a).low())).toArray();
        int[] v4 = all.stream().filter(a -> a instanceof Ipv4Address).mapToInt(a -> ((Ipv4Address) a).bits()).toArray();
        return new InterceptedServers(v6, v4);
    }

    private static void add(Set<IpAddress> all, IpAddress server, AddressSynthesis addresses) {
        all.add(server);
        if (server instanceof Ipv4Address v4) {
            Ipv6Address translated = addresses.toIpv6(v4);
            if (translated != null) {
                all.add(translated);
            }
        }
    }

    /** Whether the packet (IPv4 or IPv6, checked well-formed by the caller) goes to one of the servers. */
    boolean isDestinationOf(PacketBuffer packet) {
        if (packet.ipVersion() == 6) {
            long high = Ipv6Header.destinationHigh(packet);
            long low = Ipv6Header.destinationLow(packet);
            for (int i = 0; i < ipv6.length; i += 2) {
                if (ipv6[i] == high && ipv6[i + 1] == low) {
                    return true;
                }
            }
            return false;
        }
        int destination = Ipv4Header.destination(packet);
        for (int address : ipv4) {
            if (address == destination) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return ipv6.length == 0 && ipv4.length == 0;
    }
}
