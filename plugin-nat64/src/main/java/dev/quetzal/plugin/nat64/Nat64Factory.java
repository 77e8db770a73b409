package dev.quetzal.plugin.nat64;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.plugin.nat64.dns64.Dns64Interceptor;
import java.util.List;

/** Creates the {@code nat64} filter: stateless NAT64 (RFC 7915) with DNS64 (RFC 6147). */
public final class Nat64Factory implements PacketFilterFactory<Nat64Config> {
    @Override
    public String type() {
        return "nat64";
    }

    @Override
    public Class<Nat64Config> configType() {
        return Nat64Config.class;
    }

    @Override
    public String description() {
        return "stateless NAT64 (RFC 7915) and DNS64 (RFC 6147)";
    }

    /** DNS64's configured suffixes resolve through the host's resolver (none configured: the uplink's, unknown yet). */
    @Override
    public List<Finding> diagnose(Nat64Config config, DiagnosticContext context) {
        if (!config.dns64().enabled() || config.dns64().suffixes() == null) {
            return List.of();
        }
        return config.dns64().suffixes().stream().map(suffix -> context.checkResolves(suffix, "dns64.suffixes")).toList();
    }

    @Override
    public PacketFilter create(Nat64Config config, FilterContext context) {
        Nat64Filter filter = new Nat64Filter(config, context);
        filter.dnsInterceptor(dnsInterceptor(config, context, filter));
        return filter;
    }

    /** DNS64's interceptor for {@code filter} (RFC 6147), unless {@code dns64.enabled} is false. */
    static DnsInterceptor dnsInterceptor(Nat64Config config, FilterContext context, Nat64Filter filter) {
        return config.dns64().enabled() ? new Dns64Interceptor(config.dns64(), filter, context) : DnsInterceptor.NONE;
    }
}
