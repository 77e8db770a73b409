package dev.quetzal.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.service.Metrics;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The registry against the Prometheus text exposition format 0.0.4 (HELP/TYPE lines, label value
 * escaping of backslash, double quote and newline, metric and label name rules), and its counter
 * and gauge semantics.
 */
final class MetricsRegistryTest {
    @Test
    void exportsTextFormatExactly() throws IOException {
        MetricsRegistry registry = new MetricsRegistry();
        Metrics router = registry.forComponent("router");
        router.counter("quetzal_packets_dropped_total", "Packets dropped, by component and reason.", "reason", "no-session")
                .add(3);
        registry.forComponent("nat64")
                .counter("quetzal_packets_dropped_total", "ignored: the first help wins", "reason", "ttl-exceeded")
                .increment();
        registry.global().gauge("quetzal_buffer_pool_available", "Free buffers.\nPer pool.", () -> 42);
        registry.global().counter("quetzal_router_packets_total", "Packets seen.", "direction", "outbound").add(7);
        registry.global().counter("quetzal_router_packets_total", "Packets seen.", "direction", "inbound").add(5);
        registry.forComponent("odd \"name\"\\with\nbreak").counter("quetzal_odd_total", "Back\\slash help \"quoted\".");

        StringBuilder text = new StringBuilder();
        registry.writePrometheus(text);

        assertEquals("""
                # HELP quetzal_buffer_pool_available Free buffers.\\nPer pool.
                # TYPE quetzal_buffer_pool_available gauge
                quetzal_buffer_pool_available 42
                # HELP quetzal_odd_total Back\\\\slash help "quoted".
                # TYPE quetzal_odd_total counter
                quetzal_odd_total{component="odd \\"name\\"\\\\with\\nbreak"} 0
                # HELP quetzal_packets_dropped_total Packets dropped, by component and reason.
                # TYPE quetzal_packets_dropped_total counter
                quetzal_packets_dropped_total{component="nat64",reason="ttl-exceeded"} 1
                quetzal_packets_dropped_total{component="router",reason="no-session"} 3
                # HELP quetzal_router_packets_total Packets seen.
                # TYPE quetzal_router_packets_total counter
                quetzal_router_packets_total{direction="inbound"} 5
                quetzal_router_packets_total{direction="outbound"} 7
                """, text.toString());
    }

    @Test
    void sortsLabelsByName() throws IOException {
        MetricsRegistry registry = new MetricsRegistry();
        registry.forComponent("ikev2").counter("quetzal_x_total", "X.", "zone", "b", "alpha", "a").increment();

        StringBuilder text = new StringBuilder();
        registry.writePrometheus(text);

        assertEquals("""
                # HELP quetzal_x_total X.
                # TYPE quetzal_x_total counter
                quetzal_x_total{alpha="a",component="ikev2",zone="b"} 1
                """, text.toString());
    }

    @Test
    void sameNameAndLabelsGiveTheSameCounter() {
        MetricsRegistry registry = new MetricsRegistry();
        Metrics.Counter first = registry.forComponent("a").counter("quetzal_c_total", "C.", "x", "1", "y", "2");
        Metrics.Counter again = registry.forComponent("a").counter("quetzal_c_total", "C.", "y", "2", "x", "1");
        Metrics.Counter other = registry.forComponent("b").counter("quetzal_c_total", "C.", "x", "1", "y", "2");

        assertSame(first, again);
        first.increment();
        again.add(2);
        other.increment();
        assertEquals(3, first.value());
        assertEquals(1, other.value());
    }

    @Test
    void samplesCarryNameLabelsTypeAndValue() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.forComponent("router").counter("quetzal_a_total", "A.", "reason", "malformed").add(9);
        registry.global().gauge("quetzal_b", "B.", () -> -4);

        assertEquals(List.of(
                        new MetricsRegistry.Sample("quetzal_a_total", Map.of("component", "router", "reason", "malformed"),
                                "counter", 9),
                        new MetricsRegistry.Sample("quetzal_b", Map.of(), "gauge", -4)),
                registry.samples());
    }

    @Test
    void gaugeIsReadAtEachExport() {
        MetricsRegistry registry = new MetricsRegistry();
        AtomicLong level = new AtomicLong(1);
        registry.global().gauge("quetzal_level", "Level.", level::get);

        assertEquals(1, registry.samples().getFirst().value());
        level.set(17);
        assertEquals(17, registry.samples().getFirst().value());
    }

    @Test
    void throwingGaugeIsSkippedAndTheRestExported() throws IOException {
        MetricsRegistry registry = new MetricsRegistry();
        registry.global().gauge("quetzal_broken", "Broken.", () -> {
            throw new IllegalStateException("closed");
        });
        registry.global().gauge("quetzal_fine", "Fine.", () -> 5);

        StringBuilder text = new StringBuilder();
        registry.writePrometheus(text);

        assertEquals("""
                # HELP quetzal_fine Fine.
                # TYPE quetzal_fine gauge
                quetzal_fine 5
                """, text.toString());
        assertEquals(1, registry.samples().size());
    }

    @Test
    void newerGaugeSupplierReplacesTheOlder() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.global().gauge("quetzal_g", "G.", () -> 1);
        registry.global().gauge("quetzal_g", "G.", () -> 2);

        assertEquals(List.of(new MetricsRegistry.Sample("quetzal_g", Map.of(), "gauge", 2)), registry.samples());
    }

    @Test
    void rejectsNameRegisteredAsCounterAndGauge() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.global().counter("quetzal_both", "Both.");

        assertThrows(IllegalArgumentException.class, () -> registry.global().gauge("quetzal_both", "Both.", () -> 0));
        registry.global().gauge("quetzal_level", "Level.", () -> 0);
        assertThrows(IllegalArgumentException.class, () -> registry.forComponent("x").counter("quetzal_level", "L."));
    }

    @Test
    void rejectsInvalidMetricNames() {
        Metrics metrics = new MetricsRegistry().global();
        for (String name : new String[] {"", "1abc", "has-dash", "has space", "ümlaut", "a.b"}) {
            assertThrows(IllegalArgumentException.class, () -> metrics.counter(name, "h"), name);
        }
        metrics.counter("ok:with_colon_09", "h");
        metrics.counter("_leading", "h");
        metrics.counter(":leading_colon", "h");
    }

    @Test
    void rejectsInvalidLabelNamesAndShapes() {
        Metrics metrics = new MetricsRegistry().global();
        for (String label : new String[] {"", "1x", "a:b", "a-b", "__reserved"}) {
            assertThrows(IllegalArgumentException.class, () -> metrics.counter("quetzal_x_total", "h", label, "v"), label);
        }
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("quetzal_x_total", "h", "odd"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("quetzal_x_total", "h", "a", "1", "a", "2"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("quetzal_x_total", "h", "a", null));
        Metrics component = new MetricsRegistry().forComponent("router");
        assertThrows(IllegalArgumentException.class, () -> component.counter("quetzal_x_total", "h", "component", "other"));
    }

    @Test
    void counterRefusesToGoDown() {
        Metrics.Counter counter = new MetricsRegistry().global().counter("quetzal_x_total", "h");

        assertThrows(IllegalArgumentException.class, () -> counter.add(-1));
        assertEquals(0, counter.value());
    }
}
