package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ApiVersion;
import java.util.List;

/**
 * A plugin that loaded: its name, where from, the API version it was built against (null on the
 * class path, where it is the runtime's own), and its factories.
 */
public record LoadedPlugin(
        String name, String source, ApiVersion apiVersion, ClassLoader classLoader, List<PluginRegistry.Entry> entries) {
    public LoadedPlugin {
        entries = List.copyOf(entries);
    }
}
