package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry.RouteSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which destinations a route set sends through the tunnel: the INCLUDE prefixes less the EXCLUDE
 * ones, as sorted disjoint ranges per family, so a packet costs one binary search and no allocation.
 * IPv6 ranges are held as high and low 64-bit halves compared unsigned.
 */
public final class RouteLookup {
    /** Everything allowed: a route set without INCLUDE routes is a full tunnel. */
    static final RouteLookup FULL_TUNNEL = new RouteLookup(true, new long[0], new long[0], new long[0], new long[0],
            new long[0], new long[0]);

    private final boolean fullTunnel;
    private final long[] v4Start;
    private final long[] v4End;
    private final long[] v6StartHigh;
    private final long[] v6StartLow;
    private final long[] v6EndHigh;
    private final long[] v6EndLow;

    private RouteLookup(boolean fullTunnel, long[] v4Start, long[] v4End, long[] v6StartHigh, long[] v6StartLow,
            long[] v6EndHigh, long[] v6EndLow) {
        this.fullTunnel = fullTunnel;
        this.v4Start = v4Start;
        this.v4End = v4End;
        this.v6StartHigh = v6StartHigh;
        this.v6StartLow = v6StartLow;
        this.v6EndHigh = v6EndHigh;
        this.v6EndLow = v6EndLow;
    }

    /**
     * The lookup for {@code set}; built on the registry's thread, not per packet. With {@code split}
     * a set without INCLUDE routes allows nothing instead of everything: the config limits the
     * tunnel even before any address was learned.
     */
    public static RouteLookup of(RouteSet set, boolean split) {
        if (set.isFullTunnel() && !split) {
            return FULL_TUNNEL;
        }
        List<BigInteger[]> v4 = allowed(set.routes(), IpFamily.IPV4);
        List<BigInteger[]> v6 = allowed(set.routes(), IpFamily.IPV6);
        long[] v4Start = new long[v4.size()];
        long[] v4End = new long[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            v4Start[i] = v4.get(i)[0].longValue();
            v4End[i] = v4.get(i)[1].longValue();
        }
        long[] sh = new long[v6.size()];
        long[] sl = new long[v6.size()];
        long[] eh = new long[v6.size()];
        long[] el = new long[v6.size()];
        for (int i = 0; i < v6.size(); i++) {
            sh[i] = v6.get(i)[0].shiftRight(64).longValue();
            sl[i] = v6.get(i)[0].longValue();
            eh[i] = v6.get(i)[1].shiftRight(64).longValue();
            el[i] = v6.get(i)[1].longValue();
        }
        return new RouteLookup(false, v4Start, v4End, sh, sl, eh, el);
    }

    public boolean isFullTunnel() {
        return fullTunnel;
    }

    /** True when the IPv4 address (big-endian int, as {@code Ipv4Header} reads it) goes through the tunnel. */
    public boolean allowsIpv4(int address) {
        if (fullTunnel) {
            return true;
        }
        long a = address & 0xFFFFFFFFL;
        int lo = 0;
        int hi = v4Start.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Start[mid] <= a) {
                if (a <= v4End[mid]) {
                    return true;
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** True when the IPv6 address goes through the tunnel. */
    public boolean allowsIpv6(long high, long low) {
        if (fullTunnel) {
            return true;
        }
        int lo = 0;
        int hi = v6StartHigh.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6StartHigh[mid], v6StartLow[mid], high, low) <= 0) {
                if (compare(high, low, v6EndHigh[mid], v6EndLow[mid]) <= 0) {
                    return true;
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** True when {@code address} goes through the tunnel; for tests and the control plane. */
    public boolean allows(IpAddress address) {
        return switch (address) {
            case Ipv4Address v4 -> allowsIpv4(v4.bits());
            case Ipv6Address v6 -> allowsIpv6(v6.high(), v6.low());
        };
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    /** Merged INCLUDE ranges of a family with every EXCLUDE range cut out, sorted. */
    private static List<BigInteger[]> allowed(List<Route> routes, IpFamily family) {
        List<BigInteger[]> included = merged(routes, family, Route.Kind.INCLUDE);
        List<BigInteger[]> excluded = merged(routes, family, Route.Kind.EXCLUDE);
        List<BigInteger[]> result = new ArrayList<>();
        for (BigInteger[] range : included) {
            BigInteger start = range[0];
            for (BigInteger[] cut : excluded) {
                if (cut[1].compareTo(start) < 0 || cut[0].compareTo(range[1]) > 0) {
                    continue;
                }
                if (cut[0].compareTo(start) > 0) {
                    result.add(new BigInteger[] {start, cut[0].subtract(BigInteger.ONE)});
                }
                start = cut[1].add(BigInteger.ONE);
            }
            if (start.compareTo(range[1]) <= 0) {
                result.add(new BigInteger[] {start, range[1]});
            }
        }
        return result;
    }

    private static List<BigInteger[]> merged(List<Route> routes, IpFamily family, Route.Kind kind) {
        List<BigInteger[]> ranges = new ArrayList<>();
        for (Route route : routes) {
            if (route.kind() == kind && route.prefix().family() == family) {
                ranges.add(new BigInteger[] {
                    new BigInteger(1, route.prefix().address().toBytes()),
                    new BigInteger(1, route.prefix().lastAddress().toBytes())});
            }
        }
        ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
        List<BigInteger[]> merged = new ArrayList<>();
        for (BigInteger[] range : ranges) {
            BigInteger[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && range[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
                last[1] = last[1].max(range[1]);
            } else {
                merged.add(range.clone());
            }
        }
        return merged;
    }
}
