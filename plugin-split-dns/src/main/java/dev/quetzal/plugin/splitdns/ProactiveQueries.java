package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import dev.quetzal.plugin.splitdns.dns.DnsWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves each tunnel domain's own name (A and AAAA) through the tunnel's first DNS server, again
 * whenever the answer's (floored) TTL runs out, so routes follow a changed record although no client
 * asks. A query without an answer is sent again after 2 s, then 4 s, 8 s and so on up to 64 s. IDs and
 * source ports are random (RFC 5452 §9.2), and an answer must match server, ports and ID to count.
 * Thread-safe.
 */
final class ProactiveQueries {
    private static final Logger LOG = LoggerFactory.getLogger(ProactiveQueries.class);
    static final int DNS_PORT = 53;
    static final long FIRST_TIMEOUT_NANOS = 2_000_000_000L;
    static final int MAX_BACKOFF_SHIFT = 5;
    private static final int EPHEMERAL_FIRST = 49152;
    private static final int EPHEMERAL_COUNT = 65536 - EPHEMERAL_FIRST;

    /** Sends one query datagram into the tunnel. */
    interface Sender {
        void send(IpAddress source, int sourcePort, IpAddress server, byte[] query);
    }

    private final List<Slot> slots = new ArrayList<>();
    private final long floorNanos;
    private final SecureRandom random;
    private final SplitDnsCounters counters;
    private final Sender sender;
    private IpAddress source;
    private IpAddress server;

    ProactiveQueries(List<String> domains, long floorNanos, SecureRandom random, SplitDnsCounters counters, Sender sender) {
        for (String domain : domains) {
            slots.add(new Slot(domain, DnsMessage.TYPE_A));
            slots.add(new Slot(domain, DnsMessage.TYPE_AAAA));
        }
        this.floorNanos = floorNanos;
        this.random = random;
        this.counters = counters;
        this.sender = sender;
    }

    /** Starts querying through {@code uplink}'s first DNS server, from its first address of that family. */
    synchronized void start(UplinkInfo uplink, long now) {
        stop();
        if (slots.isEmpty() || uplink.dnsServers().isEmpty()) {
            return;
        }
        IpAddress dns = uplink.dnsServers().getFirst();
        IpAddress from = uplink.addresses().stream().filter(a -> a.family() == dns.family()).findFirst().orElse(null);
        if (from == null) {
            LOG.warn("split-dns: the uplink has no {} address to query its DNS server {} from; tunnel domains are "
                    + "learned only from client queries", dns.family(), dns);
            return;
        }
        source = from;
        server = dns;
        for (Slot slot : slots) {
            slot.due = now;
        }
        tick(now);
    }

    /** Stops querying; answers still on their way are no longer accepted. */
    synchronized void stop() {
        source = null;
        server = null;
        for (Slot slot : slots) {
            slot.pendingId = -1;
            slot.attempt = 0;
        }
    }

    /** Sends the queries that are due and counts the ones that timed out. */
    synchronized void tick(long now) {
        if (server == null) {
            return;
        }
        for (Slot slot : slots) {
            if (now - slot.due < 0) {
                continue;
            }
            if (slot.pendingId >= 0) {
                counters.proactiveTimedOut().increment();
                slot.attempt = Math.min(slot.attempt + 1, MAX_BACKOFF_SHIFT);
                LOG.debug("split-dns: no answer for {} type {} from {}", slot.domain, slot.type, server);
            }
            slot.pendingId = random.nextInt(0x10000);
            slot.pendingPort = EPHEMERAL_FIRST + random.nextInt(EPHEMERAL_COUNT);
            slot.due = now + (FIRST_TIMEOUT_NANOS << slot.attempt);
            counters.proactiveSent().increment();
            sender.send(source, slot.pendingPort, server, DnsWriter.query(slot.pendingId, slot.domain, slot.type));
        }
    }

    /**
     * Accepts the answer when it matches an outstanding query: from the server's port 53, to our
     * address and the query's port, with its ID. The next query for that name and type is due after
     * {@code ttlSeconds} (or the floor); returns false for anything else.
     */
    synchronized boolean accept(IpAddress from, int fromPort, IpAddress to, int toPort, int id, long ttlSeconds, long now) {
        if (server == null || fromPort != DNS_PORT || !server.equals(from) || !source.equals(to)) {
            return false;
        }
        for (Slot slot : slots) {
            if (slot.pendingId == id && slot.pendingPort == toPort) {
                slot.pendingId = -1;
                slot.attempt = 0;
                slot.due = now + Math.max(Math.min(ttlSeconds, Integer.MAX_VALUE) * 1_000_000_000L, floorNanos);
                counters.proactiveAnswered().increment();
                return true;
            }
        }
        return false;
    }

    /** One name and type: its outstanding query, if any, and when it is next due. */
    private static final class Slot {
        final String domain;
        final int type;
        long due;
        int pendingId = -1;
        int pendingPort;
        int attempt;

        Slot(String domain, int type) {
            this.domain = domain;
            this.type = type;
        }
    }
}
