package dev.quetzal.runtime.napt;

/**
 * How many mappings each client address holds, in an open-addressing table on primitive arrays
 * (linear probing, backward-shift deletion), preallocated for the most clients there can be: one per
 * mapping. Not thread-safe; {@link NaptTable} guards it.
 */
final class ClientCounts {
    private final int mask;
    private final byte[] family;
    private final long[] high;
    private final long[] low;
    private final int[] count;
    private final boolean[] warned;
    private int size;

    ClientCounts(int maxClients) {
        int capacity = Integer.highestOneBit(Math.max(4, maxClients) * 2 - 1) << 1;
        mask = capacity - 1;
        family = new byte[capacity];
        high = new long[capacity];
        low = new long[capacity];
        count = new int[capacity];
        warned = new boolean[capacity];
    }

    /** The mappings {@code client} holds, 0 when unknown. */
    int count(int fam, long hi, long lo) {
        int at = find(fam, hi, lo);
        return at < 0 ? 0 : count[at];
    }

    /** Adds one mapping to {@code client}. */
    void increment(int fam, long hi, long lo) {
        int at = home(fam, hi, lo);
        while (family[at] != 0) {
            if (matches(at, fam, hi, lo)) {
                count[at]++;
                return;
            }
            at = (at + 1) & mask;
        }
        family[at] = (byte) (fam + 1);
        high[at] = hi;
        low[at] = lo;
        count[at] = 1;
        warned[at] = false;
        size++;
    }

    /** Removes one mapping from {@code client}, forgetting the client at zero. */
    void decrement(int fam, long hi, long lo) {
        int at = find(fam, hi, lo);
        if (at >= 0 && --count[at] == 0) {
            delete(at);
        }
    }

    /** True the first time it is asked for a client since the client last had no mappings. */
    boolean firstRefusal(int fam, long hi, long lo) {
        int at = find(fam, hi, lo);
        if (at < 0 || warned[at]) {
            return false;
        }
        warned[at] = true;
        return true;
    }

    int size() {
        return size;
    }

    void clear() {
        java.util.Arrays.fill(family, (byte) 0);
        size = 0;
    }

    /** Visits every client with its count (status only). */
    void forEach(Visitor visitor) {
        for (int i = 0; i <= mask; i++) {
            if (family[i] != 0) {
                visitor.visit(family[i] - 1, high[i], low[i], count[i]);
            }
        }
    }

    interface Visitor {
        void visit(int family, long high, long low, int count);
    }

    private int find(int fam, long hi, long lo) {
        int at = home(fam, hi, lo);
        while (family[at] != 0) {
            if (matches(at, fam, hi, lo)) {
                return at;
            }
            at = (at + 1) & mask;
        }
        return -1;
    }

    private boolean matches(int at, int fam, long hi, long lo) {
        return family[at] == fam + 1 && high[at] == hi && low[at] == lo;
    }

    private int home(int fam, long hi, long lo) {
        return Hashing.mix(hi, lo, fam) & mask;
    }

    // Backward-shift deletion keeps probe chains intact without tombstones.
    private void delete(int at) {
        int hole = at;
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            if (family[next] == 0) {
                break;
            }
            int want = home(family[next] - 1, high[next], low[next]);
            if (((next - want) & mask) >= ((next - hole) & mask)) {
                family[hole] = family[next];
                high[hole] = high[next];
                low[hole] = low[next];
                count[hole] = count[next];
                warned[hole] = warned[next];
                hole = next;
            }
        }
        family[hole] = 0;
        size--;
    }
}
