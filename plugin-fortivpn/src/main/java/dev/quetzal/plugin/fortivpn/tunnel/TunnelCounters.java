package dev.quetzal.plugin.fortivpn.tunnel;

import dev.quetzal.api.service.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data path's counters, registered once per backend and shared by its successive tunnels: IP
 * packets and bytes each way, and drops by direction and reason.
 */
public final class TunnelCounters {
    final Metrics.Counter packetsOut;
    final Metrics.Counter bytesOut;
    final Metrics.Counter packetsIn;
    final Metrics.Counter bytesIn;
    /** {@link dev.quetzal.api.backend.Backend#send} found the queue full. */
    final Metrics.Counter dropQueueFull;
    /** No tunnel (or no open network protocol for the packet's family) and nowhere to keep it. */
    final Metrics.Counter dropDown;
    final Metrics.Counter dropOversizeOut;
    final Metrics.Counter dropMalformedOut;
    final Metrics.Counter dropOversizeIn;
    final Metrics.Counter dropMalformedIn;
    /** Control frames sent and received (LCP, IPCP, IPv6CP, rejects), for the status page. */
    final Metrics.Counter controlOut;
    final Metrics.Counter controlIn;

    public TunnelCounters(Metrics metrics) {
        String packets = "quetzal_fortivpn_packets_total";
        String bytes = "quetzal_fortivpn_bytes_total";
        String drops = "quetzal_fortivpn_dropped_packets_total";
        String control = "quetzal_fortivpn_control_frames_total";
        packetsOut = metrics.counter(packets, "IP packets sent into the tunnel", "direction", "out");
        bytesOut = metrics.counter(bytes, "IP bytes sent into the tunnel", "direction", "out");
        packetsIn = metrics.counter(packets, "IP packets received from the tunnel", "direction", "in");
        bytesIn = metrics.counter(bytes, "IP bytes received from the tunnel", "direction", "in");
        String dropHelp = "IP packets dropped by the fortivpn backend";
        dropQueueFull = metrics.counter(drops, dropHelp, "direction", "out", "reason", "queue-full");
        dropDown = metrics.counter(drops, dropHelp, "direction", "out", "reason", "down");
        dropOversizeOut = metrics.counter(drops, dropHelp, "direction", "out", "reason", "oversize");
        dropMalformedOut = metrics.counter(drops, dropHelp, "direction", "out", "reason", "malformed");
        dropOversizeIn = metrics.counter(drops, dropHelp, "direction", "in", "reason", "oversize");
        dropMalformedIn = metrics.counter(drops, dropHelp, "direction", "in", "reason", "malformed");
        controlOut = metrics.counter(control, "PPP control frames", "direction", "out");
        controlIn = metrics.counter(control, "PPP control frames", "direction", "in");
    }

    /** Counts a packet {@link dev.quetzal.api.backend.Backend#send} could not queue. */
    public void queueFull() {
        dropQueueFull.increment();
    }

    /** Counts a packet dropped because the uplink is down. */
    public void down() {
        dropDown.increment();
    }

    /** Counts a packet that is not IPv4 or IPv6, or that lacks headroom for the framing. */
    public void malformedOut() {
        dropMalformedOut.increment();
    }

    public long packetsOut() {
        return packetsOut.value();
    }

    public long packetsIn() {
        return packetsIn.value();
    }

    /** For the status page. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("packetsOut", packetsOut.value());
        out.put("bytesOut", bytesOut.value());
        out.put("packetsIn", packetsIn.value());
        out.put("bytesIn", bytesIn.value());
        out.put("controlFramesOut", controlOut.value());
        out.put("controlFramesIn", controlIn.value());
        Map<String, Object> dropped = new LinkedHashMap<>();
        dropped.put("queueFull", dropQueueFull.value());
        dropped.put("down", dropDown.value());
        dropped.put("oversizeOut", dropOversizeOut.value());
        dropped.put("malformedOut", dropMalformedOut.value());
        dropped.put("oversizeIn", dropOversizeIn.value());
        dropped.put("malformedIn", dropMalformedIn.value());
        out.put("dropped", dropped);
        return out;
    }
}
