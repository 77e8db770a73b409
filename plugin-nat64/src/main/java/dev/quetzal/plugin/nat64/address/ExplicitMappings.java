package dev.quetzal.plugin.nat64.address;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The Explicit Address Mapping table (RFC 7757): IPv6 prefix / IPv4 prefix pairs with the same
 * number of host bits, the host bits copied across (§3.2). Lookups take the longest matching prefix
 * (§3.3) and allocate nothing. Immutable.
 */
public final class ExplicitMappings {
    /** An entry: an IPv6 prefix and an IPv4 prefix with {@code hostBits} host bits each. */
    public record Entry(IpPrefix ipv6, IpPrefix ipv4) {}

    private static final ExplicitMappings EMPTY = new ExplicitMappings(List.of());

    private final long[] v6High;
    private final long[] v6Low;
    private final int[] v6Length;
    private final int[] v4Bits;
    private final int[] v4Length;

    public ExplicitMappings(List<Entry> entries) {
        int n = entries.size();
        v6High = new long[n];
        v6Low = new long[n];
        v6Length = new int[n];
        v4Bits = new int[n];
        v4Length = new int[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (!(e.ipv6().address() instanceof Ipv6Address v6) || !(e.ipv4().address() instanceof Ipv4Address v4)) {
                throw new IllegalArgumentException("expected an IPv6 and an IPv4 prefix, got " + e);
            }
            if (128 - e.ipv6().length() != 32 - e.ipv4().length()) {
                throw new IllegalArgumentException("expected the same number of host bits on both sides (RFC 7757 §3.2), got " + e);
            }
            v6High[i] = v6.high();
            v6Low[i] = v6.low();
            v6Length[i] = e.ipv6().length();
            v4Bits[i] = v4.bits();
            v4Length[i] = e.ipv4().length();
        }
    }

    public static ExplicitMappings empty() {
        return EMPTY;
    }

    public static ExplicitMappings of(List<Entry> entries) {
        return entries.isEmpty() ? EMPTY : new ExplicitMappings(new ArrayList<>(entries));
    }

    public boolean isEmpty() {
        return v4Bits.length == 0;
    }

    /** The IPv4 address for the IPv6 address ({@code high}, {@code low}), or -1 when no entry holds it. */
    public long toIpv4(long high, long low) {
        int best = -1;
        for (int i = 0; i < v6Length.length; i++) {
            if ((best < 0 || v6Length[i] > v6Length[best]) && matches6(i, high, low)) {
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        int hostBits = 32 - v4Length[best];
        int host = hostBits == 0 ? 0 : (int) (low & ((1L << hostBits) - 1));
        return (v4Bits[best] | host) & 0xFFFFFFFFL;
    }

    /** Whether an entry holds {@code ipv4}. */
    public boolean containsIpv4(int ipv4) {
        for (int i = 0; i < v4Length.length; i++) {
            if (matches4(i, ipv4)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the IPv6 address for {@code ipv4} at {@code out[at]} and returns true, or returns false
     * when no entry holds it.
     */
    public boolean toIpv6(int ipv4, byte[] out, int at) {
        int best = -1;
        for (int i = 0; i < v4Length.length; i++) {
            if ((best < 0 || v4Length[i] > v4Length[best]) && matches4(i, ipv4)) {
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        int hostBits = 32 - v4Length[best];
        long host = hostBits == 0 ? 0 : (ipv4 & 0xFFFFFFFFL) & ((1L << hostBits) - 1);
        long high = v6High[best];
        long low = v6Low[best] | host;
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (high >>> (56 - 8 * i));
            out[at + 8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return true;
    }

    private boolean matches6(int i, long high, long low) {
        int len = v6Length[i];
        if (len <= 64) {
            return len == 0 || (high >>> (64 - len)) == (v6High[i] >>> (64 - len));
        }
        return high == v6High[i] && (low >>> (128 - len)) == (v6Low[i] >>> (128 - len));
    }

    private boolean matches4(int i, int ipv4) {
        int len = v4Length[i];
        return len == 0 || (ipv4 >>> (32 - len)) == (v4Bits[i] >>> (32 - len));
    }
}
