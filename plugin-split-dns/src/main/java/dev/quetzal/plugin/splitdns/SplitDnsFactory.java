package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.ComponentNotAvailableException;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilterFactory;

/**
 * The {@code split-dns} filter. This release ships its type and config so configs can be written and
 * checked; the protocol work is not in this release yet, so {@link #create} refuses with a clear
 * message instead of starting something that would not work.
 */
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
        return "split routing and split DNS: only the listed domains and networks go through the tunnel (not in this release yet: check-config only)";
    }

    @Override
    public PacketFilter create(SplitDnsConfig config, FilterContext context) {
        throw new ComponentNotAvailableException("filter \"split-dns\" is not in this release yet; "
                + "its config can be checked with quetzal check-config, but it cannot run");
    }
}
