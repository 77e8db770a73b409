package dev.quetzal.runtime.router;

import dev.quetzal.api.filter.PacketFilter;
import java.util.Objects;

/**
 * A filter with the name its counters and log lines carry (its config section's name or type).
 */
public record NamedFilter(String name, PacketFilter filter) {
    public NamedFilter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filter, "filter");
    }
}
