package dev.quetzal.plugin.ikev2.esp;

import java.util.Map;

/** A snapshot of one SA's counters; inner-packet bytes, drops and refusals by reason. */
public record EspSaStats(
        long inboundPackets,
        long inboundBytes,
        long outboundPackets,
        long outboundBytes,
        Map<EspDropReason, Long> drops,
        Map<EspRefusal, Long> refusals) {
    public EspSaStats {
        drops = Map.copyOf(drops);
        refusals = Map.copyOf(refusals);
    }

    public long drops(EspDropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    public long refusals(EspRefusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }
}
