package dev.quetzal.runtime.config;

import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;

/**
 * The addresses handed to clients ({@code "addressPool"}).
 *
 * @param ipv4 defaults to {@link #DEFAULT_IPV4}
 * @param ipv6 null when clients get no IPv6 address
 */
public record AddressPoolSettings(IpPrefix ipv4, IpPrefix ipv6) {
    /** RFC 6598 shared address space: private to the gateway and unlikely to clash with the client's LAN. */
    public static final IpPrefix DEFAULT_IPV4 = IpPrefix.parse("100.64.0.0/24");

    public AddressPoolSettings {
        if (ipv4 == null) {
            ipv4 = DEFAULT_IPV4;
        }
        check(ipv4, IpFamily.IPV4, 30, "ipv4");
        if (ipv6 != null) {
            check(ipv6, IpFamily.IPV6, 126, "ipv6");
        }
    }

    public static AddressPoolSettings defaults() {
        return new AddressPoolSettings(null, null);
    }

    // A pool needs room for a few clients besides the network and gateway addresses.
    private static void check(IpPrefix prefix, IpFamily family, int longest, String field) {
        String name = family == IpFamily.IPV4 ? "an IPv4 prefix" : "an IPv6 prefix";
        if (prefix.family() != family) {
            throw new ConfigValueException(field, "expected " + name + ", got " + prefix);
        }
        if (prefix.length() > longest) {
            throw new ConfigValueException(field, "expected " + name + " of /" + longest + " or shorter, got " + prefix);
        }
    }
}
