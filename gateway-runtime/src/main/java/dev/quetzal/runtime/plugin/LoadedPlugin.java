package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ApiVersion;
import java.util.List;

/**
 * A plugin that loaded: its name, where from, the API version it was built against (null on the
 * class path, where it is the runtime's own), its factories and its command-line commands.
 */
public record LoadedPlugin(
        String name,
        String source,
        ApiVersion apiVersion,
        ClassLoader classLoader,
        List<PluginRegistry.Entry> entries,
        List<PluginRegistry.CommandEntry> commands) {
    public LoadedPlugin {
        entries = List.copyOf(entries);
        commands = List.copyOf(commands);
    }

    /** A plugin without commands. */
    public LoadedPlugin(String name, String source, ApiVersion apiVersion, ClassLoader classLoader, List<PluginRegistry.Entry> entries) {
        this(name, source, apiVersion, classLoader, entries, List.of());
    }
}
