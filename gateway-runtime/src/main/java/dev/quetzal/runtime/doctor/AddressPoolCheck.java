package dev.quetzal.runtime.doctor;

import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the client address pool overlaps a network this host is on: packets to the clients would then
 * go out of the wrong interface (Tailscale's 100.64.0.0/10 meets the default pool 100.64.0.0/24).
 */
final class AddressPoolCheck {
    /** One address of a host interface and the length of its network. */
    record HostNetwork(String interfaceName, IpAddress address, int length) {
        IpPrefix prefix() {
            return new IpPrefix(address.mask(length), length);
        }
    }

    private AddressPoolCheck() {}

    static List<Finding> check(IpPrefix pool, String field, List<HostNetwork> hostNetworks) {
        List<Finding> findings = new ArrayList<>();
        for (HostNetwork network : hostNetworks) {
            if (network.address().family() != pool.family() || network.address().toInetAddress().isLoopbackAddress()) {
                continue;
            }
            IpPrefix prefix = network.prefix();
            if (pool.contains(prefix.address()) || prefix.contains(pool.address())) {
                findings.add(Finding.warn(field + " " + pool + " overlaps " + network.address() + "/" + network.length()
                                + " on " + network.interfaceName(),
                        "choose a pool outside the host's networks, e.g. another part of 100.64.0.0/10 or 10.0.0.0/8, in "
                                + field));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(field + " " + pool + " overlaps no network of this host"));
        }
        return findings;
    }

    /** Every address of every interface that is up. */
    static List<HostNetwork> hostNetworks() {
        List<HostNetwork> networks = new ArrayList<>();
        try {
            for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (java.net.InterfaceAddress address : nic.getInterfaceAddresses()) {
                    networks.add(new HostNetwork(nic.getName(), IpAddress.of(address.getAddress()),
                            address.getNetworkPrefixLength()));
                }
            }
        } catch (java.net.SocketException e) {
            return List.of(); // nothing to compare with; the check then reports no overlap
        }
        return networks;
    }
}
