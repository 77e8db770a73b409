package dev.quetzal.runtime.metrics;

import dev.quetzal.api.service.Metrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every counter and gauge of the gateway, exported in the Prometheus text format 0.0.4 and as
 * {@link Sample}s for the JSON status page.
 *
 * <p>Registration is control-plane work and takes a lock; counter updates go straight to a {@link
 * java.util.concurrent.atomic.LongAdder} and never touch the registry. Gauges are read at export,
 * outside the lock, so a slow or re-entrant supplier cannot block registration.
 */
public final class MetricsRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistry.class);

    /**
     * One exported value.
     *
     * @param labels sorted by label name
     * @param type {@code "counter"} or {@code "gauge"}
     */
    public record Sample(String name, Map<String, String> labels, String type, long value) {}

    private final Object lock = new Object();
    // Guarded by lock. Sorted, so the export is stable from one scrape to the next.
    private final SortedMap<String, Family> families = new TreeMap<>();
    private final Metrics global = new ComponentMetrics(this, null);

    public MetricsRegistry() {}

    /** A view that adds the label {@code component="<name>"} to everything it registers. */
    public Metrics forComponent(String component) {
        return new ComponentMetrics(this, Objects.requireNonNull(component, "component"));
    }

    /** A view that adds no label. */
    public Metrics global() {
        return global;
    }

    /** The Prometheus text exposition format 0.0.4: families sorted by name, series by labels. */
    public void writePrometheus(Appendable out) throws IOException {
        for (FamilySnapshot family : snapshot()) {
            out.append("# HELP ").append(family.name()).append(' ');
            appendEscaped(out, family.help(), false);
            out.append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.kind().text).append('\n');
            for (SeriesValue series : family.series()) {
                out.append(family.name());
                LabelSet labels = series.labels();
                if (labels.size() > 0) {
                    out.append('{');
                    for (int i = 0; i < labels.size(); i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        out.append(labels.names()[i]).append("=\"");
                        appendEscaped(out, labels.values()[i], true);
                        out.append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(Long.toString(series.value())).append('\n');
            }
        }
    }

    /** Every current value, in export order. */
    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (FamilySnapshot family : snapshot()) {
            for (SeriesValue series : family.series()) {
                samples.add(new Sample(family.name(), series.labels().toMap(), family.kind().text, series.value()));
            }
        }
        return List.copyOf(samples);
    }

    Metrics.Counter counter(String name, String help, LabelSet labels) {
        Objects.requireNonNull(help, "help");
        synchronized (lock) {
            Family family = family(name, help, Kind.COUNTER);
            Object series = family.series.computeIfAbsent(labels, key -> new LongAdderCounter());
            return (Metrics.Counter) series;
        }
    }

    void gauge(String name, String help, LongSupplier value, LabelSet labels) {
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(value, "value");
        synchronized (lock) {
            // A component that is created again (a reload) registers again: the newest supplier wins.
            family(name, help, Kind.GAUGE).series.put(labels, new Gauge(value));
        }
    }

    private Family family(String name, String help, Kind kind) {
        Family family = families.computeIfAbsent(MetricNames.checkMetricName(name), n -> new Family(help, kind));
        if (family.kind != kind) {
            throw new IllegalArgumentException("metric " + name + " is already registered as a " + family.kind.text
                    + ", cannot register it as a " + kind.text);
        }
        return family;
    }

    private List<FamilySnapshot> snapshot() {
        List<FamilySnapshot> result = new ArrayList<>();
        List<Map.Entry<String, Family>> copy;
        List<List<Map.Entry<LabelSet, Object>>> seriesCopy = new ArrayList<>();
        synchronized (lock) {
            copy = List.copyOf(families.entrySet());
            for (Map.Entry<String, Family> entry : copy) {
                seriesCopy.add(List.copyOf(entry.getValue().series.entrySet()));
            }
        }
        for (int i = 0; i < copy.size(); i++) {
            String name = copy.get(i).getKey();
            Family family = copy.get(i).getValue();
            List<SeriesValue> values = new ArrayList<>();
            for (Map.Entry<LabelSet, Object> series : seriesCopy.get(i)) {
                switch (series.getValue()) {
                    case Metrics.Counter counter -> values.add(new SeriesValue(series.getKey(), counter.value()));
                    case Gauge gauge -> {
                        Long value = gauge.read(name, series.getKey());
                        if (value != null) {
                            values.add(new SeriesValue(series.getKey(), value));
                        }
                    }
                    default -> throw new AssertionError(series.getValue());
                }
            }
            if (!values.isEmpty()) {
                result.add(new FamilySnapshot(name, family.help, family.kind, values));
            }
        }
        return result;
    }

    /** Escaping of exposition format 0.0.4: backslash and newline, and in label values the double quote. */
    private static void appendEscaped(Appendable out, String text, boolean labelValue) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(labelValue ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    private enum Kind {
        COUNTER("counter"),
        GAUGE("gauge");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** All series of one name; the first registration's help text is kept. */
    private static final class Family {
        final String help;
        final Kind kind;
        // Values are LongAdderCounter or Gauge, as kind says.
        final SortedMap<LabelSet, Object> series = new TreeMap<>();

        Family(String help, Kind kind) {
            this.help = help;
            this.kind = kind;
        }
    }

    /** A supplier read at export; a failure skips the series and is logged once until it recovers. */
    private static final class Gauge {
        final LongSupplier supplier;
        volatile boolean failing;

        Gauge(LongSupplier supplier) {
            this.supplier = supplier;
        }

        Long read(String name, LabelSet labels) {
            try {
                long value = supplier.getAsLong();
                failing = false;
                return value;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.warn("gauge {}{} failed and is left out of the export until it recovers", name, labels, e);
                } else {
                    LOG.debug("gauge {}{} still failing", name, labels, e);
                }
                return null;
            }
        }
    }

    private record SeriesValue(LabelSet labels, long value) {}

    private record FamilySnapshot(String name, String help, Kind kind, List<SeriesValue> series) {}
}
