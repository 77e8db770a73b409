package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.command.PluginCommand;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every factory the loaded plugins offer, by kind and JSON type. Immutable; built by {@link
 * PluginDiscovery}, which has already refused duplicate types.
 */
public final class PluginRegistry {
    /**
     * One factory and where it came from.
     *
     * @param plugin the plugin's name: its folder under {@code plugins/}, or {@code class-path}
     * @param source the jar or folder it was loaded from, for messages
     * @param classLoader the loader to make current while calling into the plugin
     */
    public record Entry(ComponentFactory<?, ?, ?> factory, String plugin, String source, ClassLoader classLoader) {}

    /**
     * One command-line command and where it came from; {@code name} and {@code summary} are read once,
     * when the plugin loads.
     */
    public record CommandEntry(
            PluginCommand command, String name, String summary, String plugin, String source, ClassLoader classLoader) {}

    private final List<LoadedPlugin> plugins;
    private final Map<ComponentKind, SortedMap<String, Entry>> entries;
    private final SortedMap<String, CommandEntry> commands;

    public PluginRegistry(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
        Map<ComponentKind, SortedMap<String, Entry>> byKind = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
        for (LoadedPlugin plugin : plugins) {
            for (Entry entry : plugin.entries()) {
                Entry previous = byKind.get(ComponentKind.of(entry.factory())).putIfAbsent(entry.factory().type(), entry);
                if (previous != null) {
                    throw new IllegalArgumentException("duplicate " + ComponentKind.of(entry.factory()).label() + " type \""
                            + entry.factory().type() + "\" in " + previous.source() + " and " + entry.source());
                }
            }
        }
        byKind.replaceAll((kind, map) -> Collections.unmodifiableSortedMap(map));
        this.entries = Collections.unmodifiableMap(byKind);
        SortedMap<String, CommandEntry> byName = new TreeMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (CommandEntry command : plugin.commands()) {
                CommandEntry previous = byName.putIfAbsent(command.name(), command);
                if (previous != null) {
                    throw new IllegalArgumentException("duplicate command \"" + command.name() + "\" in " + previous.source()
                            + " and " + command.source());
                }
            }
        }
        this.commands = Collections.unmodifiableSortedMap(byName);
    }

    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    public Optional<Entry> find(ComponentKind kind, String type) {
        return Optional.ofNullable(entries.get(kind).get(type));
    }

    /** Entries of one kind, sorted by type. */
    public SortedMap<String, Entry> entries(ComponentKind kind) {
        return entries.get(kind);
    }

    /** Commands the plugins add to the command line, sorted by name. */
    public SortedMap<String, CommandEntry> commands() {
        return commands;
    }

    public Optional<CommandEntry> findCommand(String name) {
        return Optional.ofNullable(commands.get(name));
    }
}
