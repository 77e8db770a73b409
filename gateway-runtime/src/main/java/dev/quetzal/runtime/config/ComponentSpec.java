package dev.quetzal.runtime.config;

import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.util.Objects;

/**
 * One configured component, bound and checked but not created yet.
 *
 * @param name unique across all components; defaults to {@code type}
 * @param jsonPath where its section is, such as {@code $.filters[1]}, for messages about it
 * @param plugin the factory that will create it
 * @param config an instance of {@code plugin.factory().configType()}
 */
public record ComponentSpec(
        ComponentKind kind, String name, String type, String jsonPath, PluginRegistry.Entry plugin, Record config) {
    public ComponentSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(config, "config");
    }
}
