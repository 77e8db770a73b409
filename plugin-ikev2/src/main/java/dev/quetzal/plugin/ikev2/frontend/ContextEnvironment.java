package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's view of the gateway (RFC 7296 §3.15 configuration, §2.9 selectors) over the plugin
 * context: inner addresses leased from the address pool, DNS servers and suffixes from the uplink while
 * it is connected, routes and split-DNS domains from the route registry. Leases are held here until
 * released or closed.
 */
final class ContextEnvironment implements IkeEnvironment, AutoCloseable {
    private final FrontendContext context;
    private final Map<IpAddress, AddressPool.Lease> leases = new ConcurrentHashMap<>();

    ContextEnvironment(FrontendContext context) {
        this.context = context;
    }

    @Override
    public Optional<IpAddress> allocateIpv4(String identity) {
        return allocate(identity, IpFamily.IPV4);
    }

    @Override
    public Optional<IpAddress> allocateIpv6(String identity) {
        return allocate(identity, IpFamily.IPV6);
    }

    private Optional<IpAddress> allocate(String identity, IpFamily family) {
        return context.addressPool().lease(identity, family).map(lease -> {
            AddressPool.Lease earlier = leases.put(lease.address(), lease);
            if (earlier != null && earlier != lease) {
                earlier.close();
            }
            return lease.address();
        });
    }

    @Override
    public void release(IpAddress address) {
        AddressPool.Lease lease = leases.remove(address);
        if (lease != null) {
            lease.close();
        }
    }

    @Override
    public List<IpAddress> dnsServers() {
        return context.uplink().current() instanceof BackendState.Connected connected
                ? connected.uplink().dnsServers() : List.of();
    }

    /**
     * The route registry's split-DNS domains, then the uplink's DNS suffixes while it is connected, each name once
     * (compared without case and without a trailing dot; the first spelling stays). A client gets them in its
     * IKE_AUTH configuration reply only (RFC 7296 §3.15, RFC 8598 §3): a domain added later reaches it when it
     * connects again, unlike routes, which are pushed.
     */
    @Override
    public List<String> dnsDomains() {
        List<String> suffixes = context.uplink().current() instanceof BackendState.Connected connected
                ? connected.uplink().dnsSuffixes() : List.of();
        Map<String, String> byKey = new LinkedHashMap<>();
        for (List<String> names : List.of(context.routes().current().dnsDomains(), suffixes)) {
            for (String name : names) {
                String key = key(name);
                if (!key.isEmpty()) {
                    byKey.putIfAbsent(key, name);
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    private static String key(String domain) {
        String lower = domain.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public List<Route> routes() {
        return context.routes().current().routes();
    }

    /** Addresses leased and not yet released. */
    int leased() {
        return leases.size();
    }

    /** Returns every lease still held (shutdown). */
    @Override
    public void close() {
        leases.keySet().forEach(this::release);
    }
}
