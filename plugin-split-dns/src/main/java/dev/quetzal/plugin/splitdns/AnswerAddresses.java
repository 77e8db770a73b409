package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import dev.quetzal.plugin.splitdns.dns.DnsMessage.ResourceRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the A and AAAA records of a DNS response that belong to a tunnel domain: those whose owner
 * name is under one, and those reached from such a name (the question, or a name on the way) through
 * a CNAME chain in the same message (RFC 1034 §3.6.2, §4.3.2: the answer section carries the chain).
 */
final class AnswerAddresses {
    private AnswerAddresses() {}

    /** An address to learn under {@code domain}; {@code ttl} is the smallest TTL on its chain. */
    record Found(String domain, String name, IpAddress address, long ttl) {}

    /** The addresses in {@code message}'s answers that fall under one of {@code domains}. */
    static List<Found> under(DnsMessage message, Collection<String> domains) {
        Map<String, ResourceRecord> cnames = new HashMap<>();
        for (ResourceRecord record : message.answers()) {
            if (record.target() != null) {
                cnames.putIfAbsent(record.name(), record);
            }
        }
        Set<Found> found = new LinkedHashSet<>();
        for (ResourceRecord record : message.answers()) {
            if (record.address() == null) {
                continue;
            }
            String domain = DomainName.longestMatch(record.name(), domains);
            if (domain != null) {
                found.add(new Found(domain, record.name(), record.address(), record.ttl()));
            }
        }
        for (DnsMessage.Question question : message.questions()) {
            followChain(question.name(), cnames, message.answers(), domains, found);
        }
        return new ArrayList<>(found);
    }

    /** Walks the CNAME chain from {@code start}; the first tunnel domain on it owns the addresses at its end. */
    private static void followChain(String start, Map<String, ResourceRecord> cnames, List<ResourceRecord> answers,
            Collection<String> domains, Set<Found> found) {
        String name = start;
        String domain = DomainName.longestMatch(name, domains);
        long ttl = Long.MAX_VALUE;
        // Each hop uses one CNAME record, so a chain is never longer than the answers; this also ends loops.
        for (int hop = 0; hop <= cnames.size(); hop++) {
            ResourceRecord alias = cnames.get(name);
            if (alias == null) {
                break;
            }
            ttl = Math.min(ttl, alias.ttl());
            name = alias.target();
            if (domain == null) {
                domain = DomainName.longestMatch(name, domains);
            }
        }
        if (domain == null || name.equals(start)) {
            return;
        }
        for (ResourceRecord record : answers) {
            if (record.address() != null && record.name().equals(name)) {
                found.add(new Found(domain, start, record.address(), Math.min(ttl, record.ttl())));
            }
        }
    }
}
