package dev.quetzal.api.backend;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import java.util.List;
import java.util.Objects;

/**
 * What the uplink was given when it connected.
 *
 * @param addresses the addresses the remote end assigned to us (IPv4 and possibly IPv6)
 * @param dnsServers DNS servers inside the remote network
 * @param dnsSuffixes DNS search domains inside the remote network (FortiVPN's "DNS suffix")
 * @param routes split routes the remote end pushed; empty means everything goes through it
 * @param mtu the largest IP packet the uplink carries
 */
public record UplinkInfo(
        List<IpAddress> addresses, List<IpAddress> dnsServers, List<String> dnsSuffixes, List<Route> routes, int mtu) {
    public UplinkInfo {
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        dnsServers = List.copyOf(Objects.requireNonNull(dnsServers, "dnsServers"));
        dnsSuffixes = List.copyOf(Objects.requireNonNull(dnsSuffixes, "dnsSuffixes"));
        routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("MTU outside 576..65535: " + mtu);
        }
    }
}
