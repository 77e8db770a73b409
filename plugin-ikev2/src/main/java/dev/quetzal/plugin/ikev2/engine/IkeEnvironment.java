package dev.quetzal.plugin.ikev2.engine;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import java.util.List;
import java.util.Optional;

/**
 * What the engine needs from the gateway to answer a configuration request (RFC 7296 §3.15) and to
 * narrow traffic selectors (§2.9). The frontend implements it over the plugin context (address pool,
 * uplink state, route registry). Thread-safe.
 */
public interface IkeEnvironment {
    /** An inner IPv4 address for {@code identity}, or empty when the pool is exhausted (INTERNAL_ADDRESS_FAILURE). */
    Optional<IpAddress> allocateIpv4(String identity);

    /** An inner IPv6 address, or empty when IPv6 is not offered. */
    Optional<IpAddress> allocateIpv6(String identity);

    /** Gives back an address when its IKE SA ends. */
    void release(IpAddress address);

    /** DNS servers to offer (INTERNAL_IP4_DNS / INTERNAL_IP6_DNS). */
    List<IpAddress> dnsServers();

    /**
     * Split-DNS domains to offer (INTERNAL_DNS_DOMAIN, RFC 8598). Read for the IKE_AUTH configuration reply only (CP
     * payloads belong to IKE_AUTH, RFC 7296 §3.15), so a change reaches a client when it next connects.
     */
    List<String> dnsDomains();

    /**
     * What clients may reach through the gateway: the include routes become our traffic selectors
     * (TSr for a responder); no include route means everything (full tunnel).
     */
    List<Route> routes();
}
