package dev.quetzal.examples.pcap;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.filter.PacketFilterFactory;
import java.util.List;

/**
 * An example plugin: the packet filter {@code "pcap"}, which records every packet to a capture file.
 * Listed in {@code META-INF/services/dev.quetzal.api.GatewayPlugin}; like every plugin it does no work
 * in its constructor, because the runtime also instantiates it just to list plugins.
 */
public final class PcapPlugin implements GatewayPlugin {
    @Override
    public List<PacketFilterFactory<?>> packetFilterFactories() {
        return List.of(new PcapFilterFactory());
    }
}
