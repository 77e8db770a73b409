package dev.quetzal.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A config file, bound and checked. Its {@code toString} is safe to log: secrets print as {@code
 * Secret[origin, redacted]}.
 *
 * @param file the file as the user named it
 * @param frontends at least one, in file order
 * @param filters in file order, which is the order packets pass them towards the network
 */
public record LoadedConfig(
        Path file,
        GatewaySettings settings,
        List<ComponentSpec> frontends,
        ComponentSpec backend,
        List<ComponentSpec> filters) {
    public LoadedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(backend, "backend");
        frontends = List.copyOf(frontends);
        filters = List.copyOf(filters);
    }

    /**
     * Every component in start order: the backend first so the uplink is coming up before anything
     * sends to it, then the filters in list order, then the frontends that let clients in. Stop in
     * reverse.
     */
    public List<ComponentSpec> components() {
        List<ComponentSpec> all = new ArrayList<>(1 + filters.size() + frontends.size());
        all.add(backend);
        all.addAll(filters);
        all.addAll(frontends);
        return List.copyOf(all);
    }
}
