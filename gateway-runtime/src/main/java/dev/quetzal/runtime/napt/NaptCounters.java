package dev.quetzal.runtime.napt;

import dev.quetzal.api.service.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The translation's counters, {@code quetzal_napt_*}: packets translated each way, mappings created
 * and expired per kind, flushes, and drops by reason. All registered up front, so the data path only
 * increments.
 */
final class NaptCounters {
    static final String NO_UPLINK_ADDRESS = "napt-no-uplink-address";
    static final String NO_MAPPING = "napt-no-mapping";
    static final String FRAGMENT = "napt-fragment";
    static final String UNSUPPORTED = "napt-unsupported-protocol";
    static final String MALFORMED = "napt-malformed";
    static final String TABLE_FULL = "napt-table-full";
    static final String CLIENT_LIMIT = "napt-client-limit";
    static final String PORTS_EXHAUSTED = "napt-ports-exhausted";
    static final String[] KIND_NAMES = {"tcp4", "udp4", "icmp4", "tcp6", "udp6", "icmp6"};

    final Metrics.Counter outbound;
    final Metrics.Counter inbound;
    final Metrics.Counter flushes;
    final Metrics.Counter unmapped;
    final Metrics.Counter noUplinkAddress;
    final Metrics.Counter noMapping;
    final Metrics.Counter fragment;
    final Metrics.Counter unsupported;
    final Metrics.Counter malformed;
    final Metrics.Counter tableFull;
    final Metrics.Counter clientLimit;
    final Metrics.Counter portsExhausted;
    final Metrics.Counter[] created = new Metrics.Counter[NaptTable.KINDS];
    final Metrics.Counter[] expired = new Metrics.Counter[NaptTable.KINDS];
    private final Map<String, Metrics.Counter> drops = new LinkedHashMap<>();

    NaptCounters(Metrics metrics) {
        String packets = "Packets translated by NAPT, by direction.";
        outbound = metrics.counter("quetzal_napt_packets_total", packets, "direction", "outbound");
        inbound = metrics.counter("quetzal_napt_packets_total", packets, "direction", "inbound");
        flushes = metrics.counter("quetzal_napt_flushes_total",
                "Times the NAPT table was emptied because the uplink's address changed.");
        unmapped = metrics.counter("quetzal_napt_unmapped_total", "Packets to the uplink's address that match no "
                + "mapping, passed on untranslated: answers to the gateway's own flows (split-DNS and DNS64 lookups).");
        noUplinkAddress = drop(metrics, NO_UPLINK_ADDRESS);
        noMapping = drop(metrics, NO_MAPPING);
        fragment = drop(metrics, FRAGMENT);
        unsupported = drop(metrics, UNSUPPORTED);
        malformed = drop(metrics, MALFORMED);
        tableFull = drop(metrics, TABLE_FULL);
        clientLimit = drop(metrics, CLIENT_LIMIT);
        portsExhausted = drop(metrics, PORTS_EXHAUSTED);
        for (int k = 0; k < NaptTable.KINDS; k++) {
            created[k] = metrics.counter("quetzal_napt_mappings_created_total", "NAPT mappings created, by kind.",
                    "kind", KIND_NAMES[k]);
            expired[k] = metrics.counter("quetzal_napt_mappings_expired_total",
                    "NAPT mappings removed after their idle timeout, by kind.", "kind", KIND_NAMES[k]);
        }
    }

    /** Drop counts by reason, for status. */
    Map<String, Long> drops() {
        Map<String, Long> counts = new LinkedHashMap<>();
        drops.forEach((reason, counter) -> counts.put(reason, counter.value()));
        return counts;
    }

    private Metrics.Counter drop(Metrics metrics, String reason) {
        Metrics.Counter counter = metrics.counter("quetzal_napt_dropped_total",
                "Packets NAPT dropped, by reason.", "reason", reason);
        drops.put(reason, counter);
        return counter;
    }
}
