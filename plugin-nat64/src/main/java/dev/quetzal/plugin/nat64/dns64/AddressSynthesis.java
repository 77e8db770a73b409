package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.plugin.nat64.address.AddressMapper;

/**
 * How the translator represents IPv4 addresses in IPv6 (RFC 6147 §5.2: DNS64 must use the same
 * prefix and algorithm as the translator), both ways. Thread-safe.
 */
public interface AddressSynthesis {
    /** The IPv6 address clients reach {@code ipv4} at, or null when the translator would drop it (RFC 6052 §3.1). */
    Ipv6Address toIpv6(Ipv4Address ipv4);

    /** The IPv4 address behind {@code ipv6}, or null when it is not a translated address. */
    Ipv4Address toIpv4(Ipv6Address ipv6);

    /** The translator's own mapping for remote (server-side) addresses: explicit mappings, then the Pref64. */
    static AddressSynthesis of(AddressMapper mapper) {
        return new AddressSynthesis() {
            @Override
            public Ipv6Address toIpv6(Ipv4Address ipv4) {
                byte[] out = new byte[16];
                return mapper.remoteToIpv6(ipv4.bits(), out, 0) == 0 ? Ipv6Address.of(out) : null;
            }

            @Override
            public Ipv4Address toIpv4(Ipv6Address ipv6) {
                long ipv4 = mapper.remoteToIpv4(ipv6.toBytes(), 0);
                return ipv4 >= 0 ? new Ipv4Address((int) ipv4) : null;
            }
        };
    }
}
