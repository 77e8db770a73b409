package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.service.Metrics;
import java.util.concurrent.atomic.LongAdder;

/** What DNS64 did, for {@code /metrics} and for tests. Lock-free. */
public final class Dns64Counters {
    final LongAdder synthesized = new LongAdder();
    final LongAdder aQueriesSent = new LongAdder();
    final LongAdder aQueriesAnsweredEmpty = new LongAdder();
    final LongAdder ptrRewritten = new LongAdder();
    final LongAdder dnssecPassed = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder tableFull = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder tcpUnhandled = new LongAdder();

    public long synthesized() {
        return synthesized.sum();
    }

    public long aQueriesSent() {
        return aQueriesSent.sum();
    }

    public long aQueriesAnsweredEmpty() {
        return aQueriesAnsweredEmpty.sum();
    }

    public long ptrRewritten() {
        return ptrRewritten.sum();
    }

    public long dnssecPassed() {
        return dnssecPassed.sum();
    }

    /** DNS messages that did not parse; they were passed on untouched. */
    public long malformed() {
        return malformed.sum();
    }

    public long tableFull() {
        return tableFull.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    /** DNS over TCP answers left as they were because the stream could not be followed (see TcpDnsFlows). */
    public long tcpUnhandled() {
        return tcpUnhandled.sum();
    }

    void register(Metrics metrics) {
        metrics.gauge("quetzal_dns64_synthesized_total", "AAAA answers synthesized (RFC 6147)", this::synthesized);
        metrics.gauge("quetzal_dns64_a_queries_sent_total", "A queries DNS64 sent itself", this::aQueriesSent);
        metrics.gauge("quetzal_dns64_a_queries_answered_empty_total", "A queries answered with no address", this::aQueriesAnsweredEmpty);
        metrics.gauge("quetzal_dns64_ptr_rewritten_total", "PTR queries under the prefix sent as in-addr.arpa", this::ptrRewritten);
        metrics.gauge("quetzal_dns64_dnssec_passed_total", "DO+CD queries passed without synthesis", this::dnssecPassed);
        metrics.gauge("quetzal_dns64_malformed_total", "DNS messages that did not parse, passed untouched", this::malformed);
        metrics.gauge("quetzal_dns64_table_full_total", "queries not tracked because the table was full", this::tableFull);
        metrics.gauge("quetzal_dns64_timeouts_total", "upstream answers that did not come in time", this::timeouts);
        metrics.gauge("quetzal_dns64_tcp_unhandled_total", "DNS over TCP answers passed unchanged", this::tcpUnhandled);
    }
}
