package dev.quetzal.emulator.config;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv6Address;
import java.util.List;

/**
 * IPv6 inside the tunnel: the XML {@code <ipv6>} block and IPv6CP.
 *
 * @param enabled offer IPv6 at all
 * @param prefix every session gets one address of this prefix, announced with its length (default
 *     2001:db8:1::/64)
 * @param dnsServers IPv6 DNS servers for the XML (0-3; default 2001:db8:c0::53)
 */
public record Ipv6Settings(boolean enabled, IpPrefix prefix, List<Ipv6Address> dnsServers) {
    public static final IpPrefix DEFAULT_PREFIX = IpPrefix.parse("2001:db8:1::/64");
    public static final Ipv6Address DEFAULT_DNS = (Ipv6Address) IpAddress.parse("2001:db8:c0::53");

    public Ipv6Settings {
        prefix = prefix == null ? DEFAULT_PREFIX : prefix;
        if (prefix.family() != IpFamily.IPV6 || prefix.length() > 120) {
            throw new IllegalArgumentException("expected an IPv6 prefix of at most /120, got " + prefix);
        }
        dnsServers = dnsServers == null ? List.of(DEFAULT_DNS) : List.copyOf(dnsServers);
        if (dnsServers.size() > 3) {
            throw new IllegalArgumentException("expected at most 3 IPv6 DNS servers, got " + dnsServers.size());
        }
    }

    public static Ipv6Settings disabled() {
        return new Ipv6Settings(false, null, null);
    }

    public static Ipv6Settings enabledDefaults() {
        return new Ipv6Settings(true, null, null);
    }
}
