package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;

/**
 * The DNS exchanges DNS64 is in the middle of, keyed the way their answers come back: server
 * address and client address as the client sees them, the client's port and the DNS ID. Bounded:
 * when full, new queries are not tracked (they pass unchanged) rather than evicting older ones.
 * Lock-free; each entry is taken by exactly one thread.
 */
final class PendingQueries {
    /** Where an answer comes from and goes to, and its ID (RFC 5452 §4: what a resolver matches on). */
    record Key(IpAddress server, IpAddress client, int clientPort, int id) {}

    /** One exchange in progress. */
    sealed interface Pending {
        Key key();

        long deadline();
    }

    /** The client's AAAA query went to the server; its answer is awaited. */
    record AwaitAaaa(Key key, ClientSession client, Message query, int maxSize, long deadline) implements Pending {}

    /**
     * Our own A query is out (RFC 6147 §5.1.6); {@code aaaaAnswer} is the AAAA answer that led to it,
     * or null when that never came. {@code tcp} is set when the client asked over TCP. {@code chain}
     * holds the CNAME/DNAME records of earlier answers when this query follows a chain (§5.1.5).
     */
    record AwaitA(Key key, Key original, ClientSession client, Message query, Message aaaaAnswer, long ttlCap,
            int maxSize, long deadline, TcpDnsFlows.Held tcp, List<org.xbill.DNS.Record> chain) implements Pending {}

    /** More answers to a query whose A lookup is running are dropped: the client gets the synthesized one. */
    record Superseded(Key key, long deadline) implements Pending {}

    /** The client's PTR query was rewritten to the in-addr.arpa name (RFC 6147 §5.3.1). */
    record AwaitPtr(Key key, ClientSession client, Message query, org.xbill.DNS.Name ipv4Name, int maxSize,
            long deadline) implements Pending {}

    private final Map<Key, Pending> entries = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    PendingQueries(int capacity) {
        this.capacity = capacity;
    }

    /** Adds {@code pending}; false when the table is full or its key is already there. */
    boolean add(Pending pending) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        if (entries.putIfAbsent(pending.key(), pending) != null) {
            size.decrementAndGet();
            return false;
        }
        return true;
    }

    boolean contains(Key key) {
        return entries.containsKey(key);
    }

    /** Removes and returns the entry for {@code key}, or null. */
    Pending take(Key key) {
        Pending pending = entries.remove(key);
        if (pending != null) {
            size.decrementAndGet();
        }
        return pending;
    }

    /** Removes exactly {@code pending} if it is still there. */
    boolean remove(Pending pending) {
        if (entries.remove(pending.key(), pending)) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Removes and returns the entries whose deadline is before {@code now} (monotonic nanoseconds). */
    List<Pending> expire(long now) {
        List<Pending> expired = new ArrayList<>();
        for (Pending pending : entries.values()) {
            if (now - pending.deadline() >= 0 && remove(pending)) {
                expired.add(pending);
            }
        }
        return expired;
    }

    boolean isEmpty() {
        return size.get() == 0;
    }

    int size() {
        return size.get();
    }
}
