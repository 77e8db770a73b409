package dev.quetzal.examples.pcap;

import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;

/** Creates {@code {"type": "pcap", "file": "capture.pcap"}} filters. */
public final class PcapFilterFactory implements PacketFilterFactory<PcapFilterConfig> {
    @Override
    public String type() {
        return "pcap";
    }

    @Override
    public Class<PcapFilterConfig> configType() {
        return PcapFilterConfig.class;
    }

    @Override
    public String description() {
        return "records every packet, both ways, to a pcap file for Wireshark or tcpdump (a debugging aid)";
    }

    /** Allocates only: the file is opened in {@link PacketFilter#start()}. */
    @Override
    public PacketFilter create(PcapFilterConfig config, FilterContext context) {
        return new PcapFilter(config, context);
    }
}
