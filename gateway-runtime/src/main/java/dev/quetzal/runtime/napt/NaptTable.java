package dev.quetzal.runtime.napt;

import java.util.Arrays;

/**
 * The translation table: one mapping per (family, protocol, client address, client port), whatever
 * the destination (endpoint-independent mapping, RFC 4787 REQ-1, RFC 5382 REQ-1, RFC 5508 REQ-2), to
 * an external port of the uplink's address.
 *
 * <p>Everything lives in primitive arrays sized at construction: mapping fields indexed by slot, an
 * open-addressing index from the client side (linear probing, backward-shift deletion) and a direct
 * index from the external side ({@code kind << 16 | port}). Lookups and refreshes allocate nothing.
 * Not thread-safe: {@link NaptTranslator} holds its lock around every call.
 */
final class NaptTable {
    /** Protocol index of a mapping kind: {@code kind = family * 3 + protocol}. */
    static final int TCP = 0;
    static final int UDP = 1;
    static final int ICMP = 2;
    static final int KINDS = 6;

    /** Why {@link #create} found no room. */
    static final int TABLE_FULL = -1;
    static final int CLIENT_LIMIT = -2;
    static final int PORTS_EXHAUSTED = -3;

    // TCP state bits (RFC 5382 REQ-5): a SYN each way makes it established; a FIN or RST closes it.
    static final int SYN_OUT = 1;
    static final int SYN_IN = 2;
    static final int CLOSING = 4;

    private final int capacity;
    private final int maxPerClient;
    private final int portLow;
    private final int portHigh;

    private final byte[] kind;
    private final long[] clientHigh;
    private final long[] clientLow;
    private final int[] clientPort;
    private final int[] externalPort;
    private final long[] lastSeen;
    private final byte[] tcpState;
    private final int[] free;
    private int freeTop;

    private final int outboundMask;
    private final int[] outbound;
    private final int[] inbound = new int[KINDS << 16];
    private final int[] cursor = new int[KINDS];
    private final int[] live = new int[KINDS];
    private final ClientCounts clients;

    NaptTable(int capacity, int maxPerClient, int portLow, int portHigh) {
        this.capacity = capacity;
        this.maxPerClient = maxPerClient;
        this.portLow = portLow;
        this.portHigh = portHigh;
        kind = new byte[capacity];
        clientHigh = new long[capacity];
        clientLow = new long[capacity];
        clientPort = new int[capacity];
        externalPort = new int[capacity];
        lastSeen = new long[capacity];
        tcpState = new byte[capacity];
        free = new int[capacity];
        int buckets = Integer.highestOneBit(capacity * 2 - 1) << 1;
        outboundMask = buckets - 1;
        outbound = new int[buckets];
        clients = new ClientCounts(capacity);
        clear();
    }

    /** The slot mapping this client endpoint, or -1. */
    int findOutbound(int kindIndex, long high, long low, int port) {
        int at = home(kindIndex, high, low, port);
        int entry;
        while ((entry = outbound[at]) != 0) {
            int slot = entry - 1;
            if (kind[slot] == kindIndex && clientPort[slot] == port && clientLow[slot] == low
                    && clientHigh[slot] == high) {
                return slot;
            }
            at = (at + 1) & outboundMask;
        }
        return -1;
    }

    /** The slot using this external port, or -1. */
    int findInbound(int kindIndex, int port) {
        return inbound[(kindIndex << 16) | port] - 1;
    }

    /**
     * Maps a new client endpoint, keeping its port when that is in range and free ("port
     * preservation", RFC 4787 §4.2.1), else the next free port of the range. Returns the slot, or
     * {@link #TABLE_FULL}, {@link #CLIENT_LIMIT} or {@link #PORTS_EXHAUSTED}.
     */
    int create(int kindIndex, long high, long low, int port, long now) {
        if (freeTop == 0) {
            return TABLE_FULL;
        }
        int family = kindIndex / 3;
        if (clients.count(family, high, low) >= maxPerClient) {
            return CLIENT_LIMIT;
        }
        int external = allocatePort(kindIndex, port);
        if (external < 0) {
            return PORTS_EXHAUSTED;
        }
        int slot = free[--freeTop];
        kind[slot] = (byte) kindIndex;
        clientHigh[slot] = high;
        clientLow[slot] = low;
        clientPort[slot] = port;
        externalPort[slot] = external;
        lastSeen[slot] = now;
        tcpState[slot] = 0;
        int at = home(kindIndex, high, low, port);
        while (outbound[at] != 0) {
            at = (at + 1) & outboundMask;
        }
        outbound[at] = slot + 1;
        inbound[(kindIndex << 16) | external] = slot + 1;
        live[kindIndex]++;
        clients.increment(family, high, low);
        return slot;
    }

    /** True the first time a client is refused for its limit since it last had no mappings. */
    boolean firstRefusal(int family, long high, long low) {
        return clients.firstRefusal(family, high, low);
    }

    void touch(int slot, long now) {
        lastSeen[slot] = now;
    }

    /** Follows a TCP segment's flags (RFC 9293 §3.1) on a mapping. */
    void trackTcp(int slot, int flags, boolean outboundSegment) {
        int state = tcpState[slot];
        if ((flags & 0x04) != 0 || (flags & 0x01) != 0) {
            state |= CLOSING;
        } else if ((flags & 0x02) != 0) {
            // A SYN after a close starts a new connection on the same mapping.
            state = (state & CLOSING) != 0 ? 0 : state;
            state |= outboundSegment ? SYN_OUT : SYN_IN;
        }
        tcpState[slot] = (byte) state;
    }

    boolean established(int slot) {
        int state = tcpState[slot];
        return (state & (SYN_OUT | SYN_IN)) == (SYN_OUT | SYN_IN) && (state & CLOSING) == 0;
    }

    int externalPort(int slot) {
        return externalPort[slot];
    }

    int clientPort(int slot) {
        return clientPort[slot];
    }

    long clientHigh(int slot) {
        return clientHigh[slot];
    }

    long clientLow(int slot) {
        return clientLow[slot];
    }

    /**
     * Removes the mappings idle longer than their protocol's timeout, TCP by state; adds the removals
     * per kind to {@code expired}.
     */
    void sweep(long now, long udpNanos, long tcpEstablishedNanos, long tcpTransitoryNanos, long icmpNanos,
            long[] expired) {
        for (int slot = 0; slot < capacity; slot++) {
            int k = kind[slot];
            if (k < 0) {
                continue;
            }
            long timeout = switch (k % 3) {
                case TCP -> established(slot) ? tcpEstablishedNanos : tcpTransitoryNanos;
                case UDP -> udpNanos;
                default -> icmpNanos;
            };
            if (now - lastSeen[slot] >= timeout) {
                remove(slot);
                expired[k]++;
            }
        }
    }

    /** Live mappings of one kind. */
    int live(int kindIndex) {
        return live[kindIndex];
    }

    int size() {
        return capacity - freeTop;
    }

    ClientCounts clients() {
        return clients;
    }

    /** Forgets every mapping. */
    void clear() {
        Arrays.fill(kind, (byte) -1);
        Arrays.fill(outbound, 0);
        Arrays.fill(inbound, 0);
        Arrays.fill(live, 0);
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeTop = capacity;
        for (int k = 0; k < KINDS; k++) {
            cursor[k] = portLow;
        }
        clients.clear();
    }

    private void remove(int slot) {
        int k = kind[slot];
        inbound[(k << 16) | externalPort[slot]] = 0;
        int at = home(k, clientHigh[slot], clientLow[slot], clientPort[slot]);
        while (outbound[at] != slot + 1) {
            at = (at + 1) & outboundMask;
        }
        deleteOutbound(at);
        clients.decrement(k / 3, clientHigh[slot], clientLow[slot]);
        live[k]--;
        kind[slot] = -1;
        free[freeTop++] = slot;
    }

    private void deleteOutbound(int at) {
        int hole = at;
        int next = hole;
        while (true) {
            next = (next + 1) & outboundMask;
            int entry = outbound[next];
            if (entry == 0) {
                break;
            }
            int slot = entry - 1;
            int want = home(kind[slot], clientHigh[slot], clientLow[slot], clientPort[slot]);
            if (((next - want) & outboundMask) >= ((next - hole) & outboundMask)) {
                outbound[hole] = entry;
                hole = next;
            }
        }
        outbound[hole] = 0;
    }

    private int allocatePort(int kindIndex, int preferred) {
        int base = kindIndex << 16;
        if (preferred >= portLow && preferred <= portHigh && inbound[base | preferred] == 0) {
            return preferred;
        }
        int span = portHigh - portLow + 1;
        int port = cursor[kindIndex];
        for (int tried = 0; tried < span; tried++) {
            int candidate = port;
            port = port == portHigh ? portLow : port + 1;
            if (inbound[base | candidate] == 0) {
                cursor[kindIndex] = port;
                return candidate;
            }
        }
        return -1;
    }

    private int home(int kindIndex, long high, long low, int port) {
        return Hashing.mix(high, low, (kindIndex << 16) | port) & outboundMask;
    }
}
