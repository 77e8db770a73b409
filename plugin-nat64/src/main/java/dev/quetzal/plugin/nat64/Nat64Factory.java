package dev.quetzal.plugin.nat64;

import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.plugin.nat64.dns64.Dns64Interceptor;

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
