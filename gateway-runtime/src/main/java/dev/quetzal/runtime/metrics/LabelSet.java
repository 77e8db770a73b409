package dev.quetzal.runtime.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * The labels of one series, sorted by name, so that the same labels given in another order name the
 * same series and the export is deterministic.
 */
record LabelSet(String[] names, String[] values) implements Comparable<LabelSet> {
    static final LabelSet EMPTY = new LabelSet(new String[0], new String[0]);

    /** From alternating names and values; validates names and refuses duplicates. */
    static LabelSet of(String component, String... pairs) {
        if (pairs == null) {
            pairs = new String[0];
        }
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels must alternate names and values, got an odd count: "
                    + Arrays.toString(pairs));
        }
        int extra = component == null ? 0 : 1;
        String[][] entries = new String[pairs.length / 2 + extra][];
        if (component != null) {
            entries[0] = new String[] {"component", component};
        }
        for (int i = 0; i < pairs.length; i += 2) {
            String value = pairs[i + 1];
            if (value == null) {
                throw new IllegalArgumentException("label " + pairs[i] + " has a null value");
            }
            entries[extra + i / 2] = new String[] {MetricNames.checkLabelName(pairs[i]), value};
        }
        Arrays.sort(entries, (a, b) -> a[0].compareTo(b[0]));
        String[] names = new String[entries.length];
        String[] values = new String[entries.length];
        for (int i = 0; i < entries.length; i++) {
            if (i > 0 && entries[i][0].equals(entries[i - 1][0])) {
                throw new IllegalArgumentException("label " + entries[i][0] + " given twice");
            }
            names[i] = entries[i][0];
            values[i] = entries[i][1];
        }
        return new LabelSet(names, values);
    }

    SequencedMap<String, String> toMap() {
        SequencedMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableSequencedMap(map);
    }

    int size() {
        return names.length;
    }

    @Override
    public int compareTo(LabelSet other) {
        int n = Math.min(names.length, other.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(other.names[i]);
            if (c == 0) {
                c = values[i].compareTo(other.values[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, other.names.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet other && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
