package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import dev.quetzal.plugin.ikev2.message.ConfigAttribute;
import dev.quetzal.plugin.ikev2.message.CpPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The responder's answer to CFG_REQUEST (RFC 7296 §3.15, RFC 8598 §3): inner addresses from the pool, a host
 * netmask, DNS servers of the families given, and split-DNS domains when asked for.
 *
 * @param reply the CFG_REPLY payload, empty when no address could be given (INTERNAL_ADDRESS_FAILURE)
 * @param addresses the allocated inner addresses, to be released when the IKE SA ends
 */
public record ConfigurationReply(Optional<CpPayload> reply, List<IpAddress> addresses) {
    private static final IpAddress HOST_NETMASK = IpAddress.parse("255.255.255.255");
    /** RFC 7296 §3.15.1 lets the responder pick the prefix length; one address is one /128. */
    private static final int IPV6_PREFIX = 128;

    public ConfigurationReply {
        addresses = List.copyOf(addresses);
    }

    public static ConfigurationReply answer(CpPayload request, IkeEnvironment environment, String identity) {
        boolean wantsV4 = !request.attributesOf(ConfigAttribute.INTERNAL_IP4_ADDRESS).isEmpty();
        boolean wantsV6 = !request.attributesOf(ConfigAttribute.INTERNAL_IP6_ADDRESS).isEmpty();
        List<IpAddress> addresses = new ArrayList<>();
        List<ConfigAttribute> attributes = new ArrayList<>();
        if (wantsV4) {
            environment.allocateIpv4(identity).ifPresent(a -> {
                addresses.add(a);
                attributes.add(ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_ADDRESS, a));
                attributes.add(ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_NETMASK, HOST_NETMASK));
            });
        }
        if (wantsV6) {
            environment.allocateIpv6(identity).ifPresent(a -> {
                addresses.add(a);
                attributes.add(ConfigAttribute.ip6Address(a, IPV6_PREFIX));
            });
        }
        if (addresses.isEmpty()) {
            return new ConfigurationReply(Optional.empty(), List.of());
        }
        boolean gotV4 = addresses.stream().anyMatch(a -> a.family() == IpFamily.IPV4);
        boolean gotV6 = addresses.stream().anyMatch(a -> a.family() == IpFamily.IPV6);
        for (IpAddress dns : environment.dnsServers()) {
            if (dns.family() == IpFamily.IPV4 && gotV4) {
                attributes.add(ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_DNS, dns));
            } else if (dns.family() == IpFamily.IPV6 && gotV6) {
                attributes.add(ConfigAttribute.address(ConfigAttribute.INTERNAL_IP6_DNS, dns));
            }
        }
        if (!request.attributesOf(ConfigAttribute.INTERNAL_DNS_DOMAIN).isEmpty()) {
            environment.dnsDomains().forEach(d -> attributes.add(ConfigAttribute.dnsDomain(d)));
        }
        return new ConfigurationReply(Optional.of(new CpPayload(CpPayload.CFG_REPLY, attributes)), addresses);
    }
}
