package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ApiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins in {@code plugins/<name>/} folders (each in its own {@link PluginClassLoader}) and on
 * the runtime's class path, and builds the {@link PluginRegistry}. Any problem is a {@link
 * PluginLoadException} naming the jar or folder: a gateway with a half-loaded plugin set would fail
 * later, further from the cause.
 */
public final class PluginDiscovery {
    /** Package prefixes a plugin shares with the runtime: the SPI and the libraries the SPI exposes. */
    public static final List<String> SHARED_PACKAGES =
            List.of("dev.quetzal.api.", "org.slf4j.", "com.fasterxml.jackson.annotation.");

    /** The plugin name of providers found on the runtime's class path. */
    static final String CLASS_PATH_PLUGIN = "class-path";

    private static final Logger log = LoggerFactory.getLogger(PluginDiscovery.class);

    private final ApiVersion runtimeVersion;
    private final Map<String, String> builtInCommands;

    /** Discovery for a runtime without a command line of its own (tests, embedding). */
    public PluginDiscovery(ApiVersion runtimeVersion) {
        this(runtimeVersion, Map.of());
    }

    /**
     * @param builtInCommands the command line's own command names, each with the jar or folder it comes
     *     from; a plugin command of the same name is a load error
     */
    public PluginDiscovery(ApiVersion runtimeVersion, Map<String, String> builtInCommands) {
        this.runtimeVersion = Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        this.builtInCommands = Map.copyOf(builtInCommands);
    }

    /** pluginsDirectory: null = none; classPath: null = skip class-path discovery. */
    public PluginRegistry discover(Path pluginsDirectory, ClassLoader classPath) throws PluginLoadException {
        List<LoadedPlugin> plugins = new ArrayList<>();
        try {
            if (classPath != null) {
                plugins.addAll(fromClassPath(classPath));
            }
            if (pluginsDirectory != null) {
                FolderPluginLoader loader = new FolderPluginLoader(runtimeVersion, pluginsDirectory);
                for (Path folder : pluginFolders(pluginsDirectory, loader)) {
                    plugins.add(loader.load(folder));
                }
            }
            checkDuplicateTypes(plugins);
            checkDuplicateCommands(plugins);
        } catch (PluginLoadException | RuntimeException e) {
            // Release the jars of the plugins that did load: the process will not use them.
            plugins.stream()
                    .map(LoadedPlugin::classLoader)
                    .filter(PluginClassLoader.class::isInstance)
                    .forEach(loader -> FolderPluginLoader.closeQuietly((PluginClassLoader) loader, e));
            throw e;
        }
        logRegistrations(plugins);
        return new PluginRegistry(plugins);
    }

    /** Providers on the class path, one {@link LoadedPlugin} each, named after their jar or folder. */
    private static List<LoadedPlugin> fromClassPath(ClassLoader classPath) throws PluginLoadException {
        return PluginProviders.load(
                        CLASS_PATH_PLUGIN,
                        classPath,
                        type -> CodeLocations.of(type).map(Path::toString).orElse("class path"),
                        "class path")
                .stream()
                .map(p -> new LoadedPlugin(CLASS_PATH_PLUGIN, p.source(), null, classPath, p.entries(), p.commands()))
                .toList();
    }

    /** The plugin folders, sorted by name; plain files and hidden folders are not plugins. */
    private static List<Path> pluginFolders(Path pluginsDirectory, FolderPluginLoader loader) throws PluginLoadException {
        if (!Files.exists(pluginsDirectory)) {
            log.debug("no plugins directory at {}", pluginsDirectory.toAbsolutePath());
            return List.of();
        }
        if (!Files.isDirectory(pluginsDirectory)) {
            throw new PluginLoadException("plugins directory " + pluginsDirectory + " is not a directory");
        }
        log.debug("loading plugins from {}", pluginsDirectory.toAbsolutePath());
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(pluginsDirectory)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(child)) {
                    folders.add(child);
                } else if (name.endsWith(".jar")) {
                    // A common slip, worth a warning: the jar would otherwise vanish silently.
                    log.warn("ignoring {}: a plugin is a folder, put its jars in {}/<name>/",
                            loader.displayName(child), loader.displayName(pluginsDirectory));
                } else {
                    log.debug("ignoring {}: not a plugin folder", loader.displayName(child));
                }
            }
        } catch (IOException e) {
            throw PluginLoadException.causedBy("cannot list plugins directory " + pluginsDirectory, e);
        }
        return folders;
    }

    private static void checkDuplicateTypes(List<LoadedPlugin> plugins) throws PluginLoadException {
        Map<ComponentKind, Map<String, PluginRegistry.Entry>> seen = new EnumMap<>(ComponentKind.class);
        for (LoadedPlugin plugin : plugins) {
            for (PluginRegistry.Entry entry : plugin.entries()) {
                ComponentKind kind = ComponentKind.of(entry.factory());
                String type = typeOf(entry);
                PluginRegistry.Entry previous = seen.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(type, entry);
                if (previous != null) {
                    throw new PluginLoadException("duplicate " + kind.label() + " type \"" + type + "\": " + origin(previous)
                            + " and " + origin(entry) + " both offer it; remove one of them");
                }
            }
        }
    }

    private void checkDuplicateCommands(List<LoadedPlugin> plugins) throws PluginLoadException {
        Map<String, PluginRegistry.CommandEntry> seen = new HashMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (PluginRegistry.CommandEntry command : plugin.commands()) {
                String builtIn = builtInCommands.get(command.name());
                if (builtIn != null) {
                    throw new PluginLoadException("command \"" + command.name() + "\" of " + command.source() + " (plugin "
                            + command.plugin() + ") clashes with the built-in command of " + builtIn + "; rename it");
                }
                PluginRegistry.CommandEntry previous = seen.putIfAbsent(command.name(), command);
                if (previous != null) {
                    throw new PluginLoadException("duplicate command \"" + command.name() + "\": " + previous.source()
                            + " (plugin " + previous.plugin() + ") and " + command.source() + " (plugin " + command.plugin()
                            + ") both offer it; remove one of them");
                }
            }
        }
    }

    /** The factory's type; like every call into a plugin, with the plugin's loader current. */
    private static String typeOf(PluginRegistry.Entry entry) {
        try (var _ = new ThreadContextClassLoader(entry.classLoader())) {
            return entry.factory().type();
        }
    }

    private static String origin(PluginRegistry.Entry entry) {
        return entry.source() + " (plugin " + entry.plugin() + ")";
    }

    private void logRegistrations(List<LoadedPlugin> plugins) {
        for (LoadedPlugin plugin : plugins) {
            if (plugin.entries().isEmpty() && plugin.commands().isEmpty()) {
                log.warn("plugin {}: {} offers no factories and no commands", plugin.name(), plugin.source());
            }
            for (PluginRegistry.CommandEntry command : plugin.commands()) {
                log.debug("plugin {}: command \"{}\" from {}", plugin.name(), command.name(), command.source());
            }
            ApiVersion version = plugin.apiVersion() == null ? runtimeVersion : plugin.apiVersion();
            for (PluginRegistry.Entry entry : plugin.entries()) {
                // Debug: every command discovers plugins, and a bad config must stay one line of output;
                // `run` logs the plugins its config uses at info.
                log.debug("plugin {}: {} \"{}\" from {} (API {})", plugin.name(), ComponentKind.of(entry.factory()).label(),
                        typeOf(entry), entry.source(), version);
            }
        }
    }
}
