package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.filter.PacketFilterFactory;
import java.util.List;

/** Offers the {@code split-dns} filter: split routing and split DNS: only the listed domains and networks go through the tunnel. */
public final class SplitDnsPlugin implements GatewayPlugin {
    @Override
    public List<PacketFilterFactory<?>> packetFilterFactories() {
        return List.of(new SplitDnsFactory());
    }
}
