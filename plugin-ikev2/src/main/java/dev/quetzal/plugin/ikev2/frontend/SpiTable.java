package dev.quetzal.plugin.ikev2.frontend;

import java.util.ArrayList;
import java.util.List;

/**
 * Inbound SPI to installed SA, read on every ESP packet. Reads take no lock and box nothing: an
 * immutable open-addressing snapshot (linear probing over an {@code int[]}) is published through a
 * volatile field, and the rare writers (install, remove) build a new snapshot under the table's lock.
 *
 * @param <V> what an SPI maps to
 */
final class SpiTable<V> {
    private record Snapshot(int[] keys, Object[] values, int size) {
        static final Snapshot EMPTY = new Snapshot(new int[4], new Object[4], 0);
    }

    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** The value for {@code spi}, or null. Lock-free, allocation-free. */
    @SuppressWarnings("unchecked")
    V get(int spi) {
        Snapshot s = snapshot;
        int mask = s.keys.length - 1;
        int i = mix(spi) & mask;
        while (true) {
            Object value = s.values[i];
            if (value == null) {
                return null;
            }
            if (s.keys[i] == spi) {
                return (V) value;
            }
            i = (i + 1) & mask;
        }
    }

    /** Maps {@code spi} to {@code value}, replacing any earlier value, and returns the earlier one. */
    synchronized V put(int spi, V value) {
        V earlier = get(spi);
        List<Entry<V>> entries = entries();
        entries.removeIf(e -> e.spi == spi);
        entries.add(new Entry<>(spi, value));
        snapshot = build(entries);
        return earlier;
    }

    /** Removes {@code spi} only while it still maps to {@code value}; true when it did. */
    synchronized boolean remove(int spi, V value) {
        if (get(spi) != value) {
            return false;
        }
        List<Entry<V>> entries = entries();
        entries.removeIf(e -> e.spi == spi);
        snapshot = build(entries);
        return true;
    }

    int size() {
        return snapshot.size;
    }

    /** Every value, for status and shutdown; allocates. */
    List<V> values() {
        return entries().stream().map(Entry::value).toList();
    }

    private record Entry<V>(int spi, V value) {}

    @SuppressWarnings("unchecked")
    private List<Entry<V>> entries() {
        Snapshot s = snapshot;
        List<Entry<V>> list = new ArrayList<>(s.size + 1);
        for (int i = 0; i < s.keys.length; i++) {
            if (s.values[i] != null) {
                list.add(new Entry<>(s.keys[i], (V) s.values[i]));
            }
        }
        return list;
    }

    private static <V> Snapshot build(List<Entry<V>> entries) {
        // At most half full, so probes stay short and a free slot always ends a miss.
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1) - 1) << 1;
        int[] keys = new int[capacity];
        Object[] values = new Object[capacity];
        int mask = capacity - 1;
        for (Entry<V> e : entries) {
            int i = mix(e.spi) & mask;
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = e.spi;
            values[i] = e.value;
        }
        return new Snapshot(keys, values, entries.size());
    }

    /** SPIs are random but a peer may choose them badly; spread the bits (Murmur3 finalizer). */
    private static int mix(int spi) {
        int h = spi;
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        h ^= h >>> 16;
        return h;
    }
}
