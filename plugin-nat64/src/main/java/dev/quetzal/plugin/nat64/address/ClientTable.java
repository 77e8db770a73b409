package dev.quetzal.plugin.nat64.address;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Learned client addresses: a client's IPv4 inner address to the IPv6 address it sends from, for
 * translating replies back to it. Lookups read an immutable snapshot (no lock, no allocation);
 * changes, which happen once per client address pair, copy the snapshot and swap it in with a
 * compare-and-set.
 */
public final class ClientTable {
    /** One learned client; {@code owner} is its session, compared by identity. */
    private record Entry(long high, long low, Object owner) {}

    /** {@code keys} sorted for binary search; {@code entries[i]} belongs to {@code keys[i]}. */
    private record Snapshot(int[] keys, Entry[] entries) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(new int[0], new Entry[0]));

    /** Writes the IPv6 address learned for {@code ipv4} at {@code out[at]}; false when none. */
    public boolean lookup(int ipv4, byte[] out, int at) {
        Snapshot s = current.get();
        int i = Arrays.binarySearch(s.keys, ipv4);
        if (i < 0) {
            return false;
        }
        Entry e = s.entries[i];
        for (int b = 0; b < 8; b++) {
            out[at + b] = (byte) (e.high >>> (56 - 8 * b));
            out[at + 8 + b] = (byte) (e.low >>> (56 - 8 * b));
        }
        return true;
    }

    /**
     * Records that {@code owner} (a client session) uses IPv6 address ({@code high}, {@code low})
     * with IPv4 address {@code ipv4}. Allocation-free when nothing changes.
     */
    public void learn(int ipv4, long high, long low, Object owner) {
        while (true) {
            Snapshot s = current.get();
            int i = Arrays.binarySearch(s.keys, ipv4);
            if (i >= 0 && s.entries[i].high == high && s.entries[i].low == low && s.entries[i].owner == owner) {
                return;
            }
            Entry entry = new Entry(high, low, owner);
            Snapshot next;
            if (i >= 0) {
                Entry[] entries = s.entries.clone();
                entries[i] = entry;
                next = new Snapshot(s.keys, entries);
            } else {
                int at = -i - 1;
                int[] keys = new int[s.keys.length + 1];
                Entry[] entries = new Entry[keys.length];
                System.arraycopy(s.keys, 0, keys, 0, at);
                System.arraycopy(s.entries, 0, entries, 0, at);
                keys[at] = ipv4;
                entries[at] = entry;
                System.arraycopy(s.keys, at, keys, at + 1, s.keys.length - at);
                System.arraycopy(s.entries, at, entries, at + 1, s.keys.length - at);
                next = new Snapshot(keys, entries);
            }
            if (current.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /**
     * Forgets {@code ipv4} unless {@code owner} learned it: an IPv4 address now used by another
     * session (the address pool handed it out again) must not reach the old client's IPv6 address.
     */
    public void forgetUnlessOwnedBy(int ipv4, Object owner) {
        while (true) {
            Snapshot s = current.get();
            int i = Arrays.binarySearch(s.keys, ipv4);
            if (i < 0 || s.entries[i].owner == owner) {
                return;
            }
            int[] keys = new int[s.keys.length - 1];
            Entry[] entries = new Entry[keys.length];
            System.arraycopy(s.keys, 0, keys, 0, i);
            System.arraycopy(s.entries, 0, entries, 0, i);
            System.arraycopy(s.keys, i + 1, keys, i, keys.length - i);
            System.arraycopy(s.entries, i + 1, entries, i, keys.length - i);
            if (current.compareAndSet(s, new Snapshot(keys, entries))) {
                return;
            }
        }
    }

    /** Whether a client with IPv4 address {@code ipv4} was learned. */
    public boolean contains(int ipv4) {
        return Arrays.binarySearch(current.get().keys, ipv4) >= 0;
    }

    /** Number of learned clients. */
    public int size() {
        return current.get().keys.length;
    }
}
