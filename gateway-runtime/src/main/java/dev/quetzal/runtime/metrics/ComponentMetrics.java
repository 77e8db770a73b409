package dev.quetzal.runtime.metrics;

import dev.quetzal.api.service.Metrics;
import java.util.function.LongSupplier;

/** A view of the registry that adds {@code component="<name>"} to every series, or nothing for the global view. */
final class ComponentMetrics implements Metrics {
    private final MetricsRegistry registry;
    private final String component;

    ComponentMetrics(MetricsRegistry registry, String component) {
        this.registry = registry;
        this.component = component;
    }

    @Override
    public Counter counter(String name, String help, String... labels) {
        return registry.counter(name, help, LabelSet.of(component, labels));
    }

    @Override
    public void gauge(String name, String help, LongSupplier value, String... labels) {
        registry.gauge(name, help, value, LabelSet.of(component, labels));
    }

    @Override
    public String toString() {
        return component == null ? "Metrics[global]" : "Metrics[component=" + component + "]";
    }
}
