package dev.quetzal.runtime.router;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.service.AddressPool;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Inner addresses from one IPv4 and one IPv6 prefix, either of which may be absent.
 *
 * <p>The first usable address of each prefix is the gateway's own ({@link #gatewayAddress}). IPv4
 * also never leases the network and broadcast addresses; IPv6 never leases the Subnet-Router anycast
 * address (RFC 4291 §2.6.1, the prefix with an all-zero interface identifier). Addresses are sticky:
 * a client key gets its previous address back while nobody else holds it, and fresh addresses are
 * preferred over ones remembered for other clients.
 *
 * <p>Thread-safe; leasing is control-plane work and takes a lock.
 */
public final class DefaultAddressPool implements AddressPool {
    private final Map<IpFamily, FamilyPool> pools = new EnumMap<>(IpFamily.class);

    /** @param ipv4 an IPv4 prefix of at most /30, or null; @param ipv6 an IPv6 prefix of at most /126, or null */
    public DefaultAddressPool(IpPrefix ipv4, IpPrefix ipv6) {
        if (ipv4 != null) {
            pools.put(IpFamily.IPV4, new FamilyPool(check(ipv4, IpFamily.IPV4)));
        }
        if (ipv6 != null) {
            pools.put(IpFamily.IPV6, new FamilyPool(check(ipv6, IpFamily.IPV6)));
        }
    }

    @Override
    public Optional<Lease> lease(String clientKey, IpFamily family) {
        FamilyPool pool = pools.get(family);
        return pool == null ? Optional.empty() : pool.lease(clientKey);
    }

    @Override
    public Optional<IpPrefix> range(IpFamily family) {
        return Optional.ofNullable(pools.get(family)).map(FamilyPool::prefix);
    }

    /** The address the gateway keeps for itself in a family's prefix: the first usable one. */
    public Optional<IpAddress> gatewayAddress(IpFamily family) {
        return Optional.ofNullable(pools.get(family)).map(FamilyPool::gatewayAddress);
    }

    private static IpPrefix check(IpPrefix prefix, IpFamily family) {
        if (prefix.family() != family) {
            throw new IllegalArgumentException("expected an " + name(family) + " address pool, got " + prefix);
        }
        // Network (or anycast), gateway, at least one client and, for IPv4, broadcast.
        int maxLength = family == IpFamily.IPV4 ? 30 : 126;
        if (prefix.length() > maxLength) {
            throw new IllegalArgumentException("address pool " + prefix + " is too small: it needs at most /" + maxLength
                    + " to leave room for the gateway and a client");
        }
        return prefix;
    }

    private static String name(IpFamily family) {
        return family == IpFamily.IPV4 ? "IPv4" : "IPv6";
    }

    @Override
    public String toString() {
        return "DefaultAddressPool" + pools.values();
    }
}
