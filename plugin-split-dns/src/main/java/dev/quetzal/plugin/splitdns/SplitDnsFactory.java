package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;

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
    public PacketFilter create(SplitDnsConfig config, FilterContext context) {
        return new SplitDnsFilter(config, context);
    }
}
