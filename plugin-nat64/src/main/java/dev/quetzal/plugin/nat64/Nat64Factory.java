package dev.quetzal.plugin.nat64;

import dev.quetzal.api.ComponentNotAvailableException;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilterFactory;

/**
 * The {@code nat64} filter. This release ships its type and config so configs can be written and
 * checked; the protocol work is not in this release yet, so {@link #create} refuses with a clear
 * message instead of starting something that would not work.
 */
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
        return "stateless NAT64 (RFC 7915) and DNS64 (RFC 6147) (not in this release yet: check-config only)";
    }

    @Override
    public PacketFilter create(Nat64Config config, FilterContext context) {
        throw new ComponentNotAvailableException("filter \"nat64\" is not in this release yet; "
                + "its config can be checked with quetzal check-config, but it cannot run");
    }
}
