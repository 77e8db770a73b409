package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 6052 prefix with its embedding (§2.2): the IPv4 octets follow the prefix, skipping bits
 * 64–71 (the "u" octet, always zero), and the suffix is zero. DNS64 synthesizes with exactly the
 * translator's prefix and algorithm (RFC 6147 §5.2).
 */
public record Pref64(IpPrefix prefix) {
    private static final Set<Integer> LENGTHS = Set.of(32, 40, 48, 56, 64, 96);
    private static final IpPrefix WELL_KNOWN = IpPrefix.parse("64:ff9b::/96");

    public Pref64 {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.family() != IpFamily.IPV6 || !LENGTHS.contains(prefix.length())) {
            throw new IllegalArgumentException("expected an IPv6 prefix of length 32, 40, 48, 56, 64 or 96 (RFC 6052 §2.2), got "
                    + prefix);
        }
    }

    public boolean isWellKnown() {
        return prefix.equals(WELL_KNOWN);
    }

    /** The IPv6 address that carries {@code ipv4}. */
    public Ipv6Address embed(Ipv4Address ipv4) {
        byte[] bytes = prefix.address().toBytes();
        byte[] v4 = ipv4.toBytes();
        for (int i = 0; i < 4; i++) {
            bytes[octetIndex(i)] = v4[i];
        }
        return Ipv6Address.of(bytes);
    }

    /** The IPv4 address embedded in {@code ipv6}, or null when {@code ipv6} is not under this prefix. */
    public Ipv4Address extract(Ipv6Address ipv6) {
        if (!prefix.contains(ipv6)) {
            return null;
        }
        byte[] bytes = ipv6.toBytes();
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = bytes[octetIndex(i)];
        }
        return Ipv4Address.of(v4);
    }

    private int octetIndex(int i) {
        int length = prefix.length();
        if (length == 96) {
            return 12 + i;
        }
        int index = length / 8 + i;
        return index >= 8 ? index + 1 : index;
    }

    /**
     * RFC 6052 §3.1: these IPv4 addresses are not global, so they must not appear under the
     * well-known prefix.
     */
    public static boolean isNonGlobal(Ipv4Address address) {
        int a = address.bits();
        int first = a >>> 24;
        int second = (a >>> 16) & 0xFF;
        return first == 0 || first == 10 || first == 127 || (first & 0xF0) == 224
                || (first == 100 && (second & 0xC0) == 64)
                || (first == 169 && second == 254)
                || (first == 172 && (second & 0xF0) == 16)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && ((a >>> 8) & 0xFF) == 2)
                || (first == 198 && (second & 0xFE) == 18)
                || (first == 198 && second == 51 && ((a >>> 8) & 0xFF) == 100)
                || (first == 203 && second == 0 && ((a >>> 8) & 0xFF) == 113);
    }
}
