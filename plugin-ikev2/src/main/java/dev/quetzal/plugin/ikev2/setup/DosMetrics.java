package dev.quetzal.plugin.ikev2.setup;

import dev.quetzal.api.service.Metrics;
import dev.quetzal.plugin.ikev2.sa.Counters;
import dev.quetzal.plugin.ikev2.sa.IkeSaTable;

/**
 * The engine's IKE_SA_INIT flood protection at {@code /metrics} (RFC 7296 §2.6): half-open IKE SAs now, and, since
 * the start, cookies sent, cookies returned valid or invalid, and IKE_SA_INIT dropped by the cap or the per-source
 * rate. The engine counts them itself; these gauges read its counters when metrics are exported.
 */
final class DosMetrics {
    private static final String COOKIES = "quetzal_ikev2_init_cookies";
    private static final String COOKIES_HELP = "IKE_SA_INIT cookies since start: sent, returned valid or invalid.";
    private static final String REFUSED = "quetzal_ikev2_init_refused";
    private static final String REFUSED_HELP = "IKE_SA_INIT requests dropped since start by the half-open cap or the"
            + " per-source rate.";

    private DosMetrics() {
    }

    static void register(Metrics metrics, IkeSaTable table) {
        Counters counters = table.counters();
        metrics.gauge("quetzal_ikev2_half_open_sas", "IKE SAs waiting for IKE_AUTH.", table::halfOpenCount);
        metrics.gauge(COOKIES, COOKIES_HELP, () -> counters.get("cookie_sent"), "result", "sent");
        metrics.gauge(COOKIES, COOKIES_HELP, () -> counters.get("cookie_valid"), "result", "valid");
        metrics.gauge(COOKIES, COOKIES_HELP, () -> counters.get("cookie_invalid"), "result", "invalid");
        metrics.gauge(REFUSED, REFUSED_HELP, () -> counters.get("init_refused_half_open_cap"), "reason", "cap");
        metrics.gauge(REFUSED, REFUSED_HELP, () -> counters.get("init_refused_rate"), "reason", "rate");
    }
}
