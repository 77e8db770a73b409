package dev.quetzal.runtime.router;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.napt.NaptTranslator;
import java.util.List;
import java.util.Objects;

/**
 * The filters and backend of a running gateway. Immutable and held in one volatile field, so a
 * packet sees either the whole old chain or the whole new one, and the data path reads that field
 * once per packet rather than once per filter.
 */
final class Pipeline {
    final PacketFilter[] filters;
    final FilterCounters[] counters;
    final Backend backend;
    /** Null when NAPT is off. */
    final NaptTranslator napt;

    Pipeline(List<NamedFilter> chain, Backend backend, NaptTranslator napt, MetricsRegistry metrics) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.napt = napt;
        filters = new PacketFilter[chain.size()];
        counters = new FilterCounters[chain.size()];
        for (int i = 0; i < chain.size(); i++) {
            NamedFilter named = Objects.requireNonNull(chain.get(i), "filter " + i);
            filters[i] = named.filter();
            counters[i] = new FilterCounters(named.name(), metrics.forComponent(named.name()));
        }
    }
}
