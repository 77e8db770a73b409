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
    private record Snapshot(int[] keys, long[] high, long[] low, Object[] owners) {}

    private final AtomicReference<Snapshot> current =
            new AtomicReference<>(new Snapshot(new int[0], new long[0], new long[0], new Object[0]));

    /** Writes the IPv6 address learned for {@code ipv4} at {@code out[at]}; false when none. */
    public boolean lookup(int ipv4, byte[] out, int at) {
        Snapshot s = current.get();
        int i = Arrays.binarySearch(s.keys, ipv4);
        if (i < 0) {
            return false;
        }
        long high = s.high[i];
        long low = s.low[i];
        for (int b = 0; b < 8; b++) {
            out[at + b] = (byte) (high >>> (56 - 8 * b));
            out[at + 8 + b] = (byte) (low >>> (56 - 8 * b));
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
            if (i >= 0 && s.high[i] == high && s.low[i] == low && s.owners[i] == owner) {
                return;
            }
            Snapshot next;
            if (i >= 0) {
                next = new Snapshot(s.keys, s.high.clone(), s.low.clone(), s.owners.clone());
                next.high[i] = high;
                next.low[i] = low;
                next.owners[i] = owner;
            } else {
                int at = -i - 1;
                next = new Snapshot(insert(s.keys, at, ipv4), insert(s.high, at, high), insert(s.low, at, low),
                        insert(s.owners, at, owner));
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
            if (i < 0 || s.owners[i] == owner) {
                return;
            }
            Snapshot next = new Snapshot(remove(s.keys, i), remove(s.high, i), remove(s.low, i), remove(s.owners, i));
            if (current.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /** Number of learned clients. */
    public int size() {
        return current.get().keys.length;
    }

    private static int[] insert(int[] a, int at, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] r = new long[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private static Object[] insert(Object[] a, int at, Object v) {
        Object[] r = new Object[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private static int[] remove(int[] a, int at) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }

    private static long[] remove(long[] a, int at) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }

    private static Object[] remove(Object[] a, int at) {
        Object[] r = new Object[a.length - 1];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }
}
