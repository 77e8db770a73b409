package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import java.util.List;

/** Creates the {@code split-dns} filter. */
public final class SplitDnsFactory implements PacketFilterFactory<SplitDnsConfig> {
    @Override
    public String type() {
        return "split-dns";
    }

    @Override
    public Class<SplitDnsConfig> configType() {
        return SplitDnsConfig.class;
    }

    @Override
    public String description() {
        return "split routing and split DNS: only the listed domains and networks go through the tunnel, "
                + "with routes learned from DNS answers and kept current";
    }

    @Override
    public List<Finding> diagnose(SplitDnsConfig config, DiagnosticContext context) {
        return config.tunnelDomains().stream().map(domain -> context.checkResolves(domain, "tunnelDomains")).toList();
    }

    @Override
    public PacketFilter create(SplitDnsConfig config, FilterContext context) {
        return new SplitDnsFilter(config, context);
    }
}
