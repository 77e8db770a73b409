package dev.quetzal.plugin.ikev2.client;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * A gateway environment without state (RFC 7296 §3.15): every client gets the same IPv4 address, or none; no IPv6,
 * no DNS, no routes (full tunnel). An initiator, which allocates nothing, uses {@link #NONE}.
 */
public record StaticEnvironment(Optional<IpAddress> ipv4) implements IkeEnvironment {
    public static final StaticEnvironment NONE = new StaticEnvironment(Optional.empty());

    public static StaticEnvironment always(String ipv4) {
        return new StaticEnvironment(Optional.of(IpAddress.parse(ipv4)));
    }

    @Override
    public Optional<IpAddress> allocateIpv4(String identity) {
        return ipv4;
    }

    @Override
    public Optional<IpAddress> allocateIpv6(String identity) {
        return Optional.empty();
    }

    @Override
    public void release(IpAddress address) {
    }

    @Override
    public List<IpAddress> dnsServers() {
        return List.of();
    }

    @Override
    public List<String> dnsDomains() {
        return List.of();
    }

    @Override
    public List<Route> routes() {
        return List.of();
    }
}
