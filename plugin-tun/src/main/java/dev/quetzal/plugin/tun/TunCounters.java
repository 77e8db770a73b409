package dev.quetzal.plugin.tun;

import dev.quetzal.api.service.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The backend's counters, registered once so the data path only increments: packets and bytes by
 * direction ({@code outbound}: written to the device, towards the network; {@code inbound}: read
 * from it, towards clients), and drops by direction and reason.
 */
final class TunCounters {
    static final String PACKETS = "quetzal_tun_packets_total";
    static final String BYTES = "quetzal_tun_bytes_total";
    static final String DROPPED = "quetzal_tun_dropped_total";

    final Metrics.Counter outboundPackets;
    final Metrics.Counter outboundBytes;
    final Metrics.Counter inboundPackets;
    final Metrics.Counter inboundBytes;
    /** A packet to send while the device is not open (before start, after close or a read failure). */
    final Metrics.Counter notRunning;
    /** The kernel refused the packet (EINVAL): neither IPv4 nor IPv6. */
    final Metrics.Counter refused;
    /** Any other write failure. */
    final Metrics.Counter writeError;
    /** A packet from the kernel longer than a pool buffer (the device's MTU exceeds buffers.capacity). */
    final Metrics.Counter oversized;

    TunCounters(Metrics metrics) {
        String packetsHelp = "IP packets through the TUN device, by direction (outbound: written towards the network).";
        String bytesHelp = "Bytes of IP packets through the TUN device, by direction.";
        String droppedHelp = "Packets the tun backend dropped, by direction and reason.";
        outboundPackets = metrics.counter(PACKETS, packetsHelp, "direction", "outbound");
        inboundPackets = metrics.counter(PACKETS, packetsHelp, "direction", "inbound");
        outboundBytes = metrics.counter(BYTES, bytesHelp, "direction", "outbound");
        inboundBytes = metrics.counter(BYTES, bytesHelp, "direction", "inbound");
        notRunning = metrics.counter(DROPPED, droppedHelp, "direction", "outbound", "reason", "not-running");
        refused = metrics.counter(DROPPED, droppedHelp, "direction", "outbound", "reason", "refused");
        writeError = metrics.counter(DROPPED, droppedHelp, "direction", "outbound", "reason", "write-error");
        oversized = metrics.counter(DROPPED, droppedHelp, "direction", "inbound", "reason", "oversized");
    }

    /** For the status page. */
    Map<String, Object> snapshot() {
        Map<String, Object> dropped = new LinkedHashMap<>();
        dropped.put("not-running", notRunning.value());
        dropped.put("refused", refused.value());
        dropped.put("write-error", writeError.value());
        dropped.put("oversized", oversized.value());
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("outboundPackets", outboundPackets.value());
        snapshot.put("outboundBytes", outboundBytes.value());
        snapshot.put("inboundPackets", inboundPackets.value());
        snapshot.put("inboundBytes", inboundBytes.value());
        snapshot.put("dropped", dropped);
        return snapshot;
    }
}
