package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;

/**
 * How the translator represents IPv4 addresses in IPv6 (RFC 6147 §5.2: DNS64 must use the same
 * prefix and algorithm as the translator), both ways. Thread-safe.
 */
public interface AddressSynthesis {
    /** The IPv6 address clients reach {@code ipv4} at, or null when the translator would drop it (RFC 6052 §3.1). */
    Ipv6Address toIpv6(Ipv4Address ipv4);

    /** The IPv4 address behind {@code ipv6}, or null when it is not a translated address. */
    Ipv4Address toIpv4(Ipv6Address ipv6);

    /** Plain RFC 6052 embedding in {@code pref64}; with {@code checkWellKnownPrefix}, non-global IPv4 has no IPv6 form under 64:ff9b::/96. */
    static AddressSynthesis of(Pref64 pref64, boolean checkWellKnownPrefix) {
        return new AddressSynthesis() {
            @Override
            public Ipv6Address toIpv6(Ipv4Address ipv4) {
                if (checkWellKnownPrefix && pref64.isWellKnown() && Pref64.isNonGlobal(ipv4)) {
                    return null;
                }
                return pref64.embed(ipv4);
            }

            @Override
            public Ipv4Address toIpv4(Ipv6Address ipv6) {
                return pref64.extract(ipv6);
            }
        };
    }
}
