package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.Metrics.Counter;

/** The filter's counters, registered once and updated without allocating. */
record SplitDnsCounters(
        Counter learned,
        Counter expired,
        Counter proactiveSent,
        Counter proactiveAnswered,
        Counter proactiveTimedOut,
        Counter refused,
        Counter resolved,
        Counter malformed,
        Counter tcpMessages,
        Counter tcpDropped,
        Counter tcpQueriesReset) {
    static SplitDnsCounters register(Metrics metrics) {
        return new SplitDnsCounters(
                metrics.counter("quetzal_split_dns_learned_total", "Addresses learned from DNS answers under a tunnel domain."),
                metrics.counter("quetzal_split_dns_expired_total", "Learned addresses withdrawn after their TTL, floor and grace."),
                metrics.counter("quetzal_split_dns_proactive_queries_total", "Queries the filter sent itself for tunnel domains."),
                metrics.counter("quetzal_split_dns_proactive_answers_total", "Answers to the filter's own queries."),
                metrics.counter("quetzal_split_dns_proactive_timeouts_total", "Own queries that got no answer in time."),
                metrics.counter("quetzal_split_dns_queries_refused_total", "Client queries for other names answered REFUSED."),
                metrics.counter("quetzal_split_dns_queries_resolved_total", "Client queries for other names answered from the host's resolver."),
                metrics.counter("quetzal_split_dns_malformed_total", "DNS messages that could not be parsed (passed on unchanged)."),
                metrics.counter("quetzal_split_dns_tcp_messages_total", "DNS messages read from TCP segments from port 53."),
                metrics.counter("quetzal_split_dns_tcp_dropped_total",
                        "DNS messages over TCP not read: partial ones at FIN, RST, idle timeout or eviction, and gaps in a stream."),
                metrics.counter("quetzal_split_dns_tcp_queries_reset_total",
                        "Client queries over TCP for other names, answered with a TCP reset instead of entering the tunnel."));
    }
}
