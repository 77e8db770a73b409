package dev.quetzal.plugin.fortivpn.xml;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.net.Route;
import java.time.Duration;
import java.util.List;

/**
 * What the FortiGate's XML config says (protocol notes §3). Optional values are null when absent.
 *
 * @param ipv4Address {@code ipv4/assigned-addr@ipv4}
 * @param ipv6Address {@code ipv6/assigned-addr@ipv6}, with {@code ipv6PrefixLength}
 * @param dnsServers {@code ipv4/dns@ip} then {@code ipv6/dns@ipv6}, in order
 * @param dnsSuffixes the {@code domain} attributes of the dns elements (the search list)
 * @param splitDnsDomains {@code split-dns@domains}, logged only
 * @param routes split-tunnel-info addresses: include, or exclude under {@code negate="1"}; source "fortivpn"
 * @param heartbeatInterval {@code dtls-config@heartbeat-interval}, the DPD interval
 * @param idleTimeout {@code idle-timeout@val}
 * @param authTimeout {@code auth-timeout@val}, the session lifetime
 * @param dtls the {@code dtls} attribute; ignored, the tunnel is always TLS
 * @param tunConnectWithoutReauth {@code auth-ses@tun-connect-without-reauth}: the cookie survives a drop
 * @param fortiOs the {@code fos} element as text, for logs; null without one
 */
public record TunnelConfig(
        Ipv4Address ipv4Address,
        Ipv6Address ipv6Address,
        int ipv6PrefixLength,
        List<IpAddress> dnsServers,
        List<String> dnsSuffixes,
        List<String> splitDnsDomains,
        List<Route> routes,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Duration authTimeout,
        boolean dtls,
        boolean tunConnectWithoutReauth,
        String fortiOs) {
    public static final String ROUTE_SOURCE = "fortivpn";

    public TunnelConfig {
        dnsServers = List.copyOf(dnsServers);
        dnsSuffixes = List.copyOf(dnsSuffixes);
        splitDnsDomains = List.copyOf(splitDnsDomains);
        routes = List.copyOf(routes);
    }

    /** The IPv4 DNS servers, which IPCP would otherwise have to ask for. */
    public List<Ipv4Address> ipv4DnsServers() {
        return dnsServers.stream().filter(a -> a instanceof Ipv4Address).map(a -> (Ipv4Address) a).toList();
    }
}
