package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;
import java.util.List;

/**
 * What IPCP (and IPv6CP) settled, reported when the network layer opens.
 *
 * @param localAddress our IPv4 address as acknowledged
 * @param peerAddress the peer's IPv4 address from its IP-Address option, or null if it sent none
 * @param dnsServers DNS servers adopted from the peer's Nak (client), or offered (server); may be empty
 * @param peerMru the MRU the peer announced (1500 when it sent none, RFC 1661 §6.1)
 * @param ipv6 IPv6CP opened too
 * @param localInterfaceId our IPv6 interface identifier as acknowledged, 0 without IPv6
 * @param peerInterfaceId the peer's, 0 without IPv6
 */
public record NetworkParameters(
        Ipv4Address localAddress,
        Ipv4Address peerAddress,
        List<Ipv4Address> dnsServers,
        int peerMru,
        boolean ipv6,
        long localInterfaceId,
        long peerInterfaceId) {
    public NetworkParameters {
        dnsServers = List.copyOf(dnsServers);
    }
}
