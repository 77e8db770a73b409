package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.command.PluginCommand;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Instantiates the {@link GatewayPlugin} providers a loader can see and collects their checked
 * factories. Every call into plugin code runs with the plugin's loader as the context loader, and
 * anything a plugin throws becomes a {@link PluginLoadException} naming the jar it came from.
 */
final class PluginProviders {
    /**
     * One provider and its factories.
     *
     * @param source the jar or folder of the provider class, as messages show it
     */
    record Provided(String source, List<PluginRegistry.Entry> entries, List<PluginRegistry.CommandEntry> commands) {}

    private PluginProviders() {}

    /**
     * @param sourceOf names the jar a class of this plugin came from
     * @param listingSources the jars that could hold a broken {@code META-INF/services} entry, for errors
     *     that happen before a provider class is known
     */
    static List<Provided> load(String pluginName, ClassLoader loader, Function<Class<?>, String> sourceOf, String listingSources)
            throws PluginLoadException {
        String prefix = "plugin \"" + pluginName + "\": ";
        List<Provided> provided = new ArrayList<>();
        try (var _ = new ThreadContextClassLoader(loader)) {
            Iterator<ServiceLoader.Provider<GatewayPlugin>> providers =
                    ServiceLoader.load(GatewayPlugin.class, loader).stream().iterator();
            while (true) {
                ServiceLoader.Provider<GatewayPlugin> provider;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    provider = providers.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    throw PluginLoadException.causedBy(prefix + listingSources, e);
                }
                String source = sourceOf.apply(provider.type());
                try {
                    GatewayPlugin plugin = provider.get();
                    provided.add(new Provided(source, entries(pluginName, plugin, source, sourceOf, loader),
                            commands(pluginName, plugin, source, sourceOf, loader)));
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    throw PluginLoadException.causedBy(prefix + source, e);
                } catch (FactoryProblem e) {
                    throw new PluginLoadException(prefix + e.source + ": " + e.getMessage());
                }
            }
        }
        return provided;
    }

    private static List<PluginRegistry.Entry> entries(
            String pluginName, GatewayPlugin plugin, String pluginSource, Function<Class<?>, String> sourceOf, ClassLoader loader)
            throws FactoryProblem {
        List<PluginRegistry.Entry> entries = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            List<? extends ComponentFactory<?, ?, ?>> factories = kind.factoriesOf(plugin);
            if (factories == null) {
                throw new FactoryProblem(pluginSource, kind.pluginMethod() + " returned null; return an empty list");
            }
            for (ComponentFactory<?, ?, ?> factory : factories) {
                String source = factory == null ? pluginSource : sourceOf.apply(factory.getClass());
                Optional<String> problem = FactoryCheck.problem(kind, factory);
                if (problem.isPresent()) {
                    throw new FactoryProblem(source, problem.get());
                }
                entries.add(new PluginRegistry.Entry(factory, pluginName, source, loader));
            }
        }
        return entries;
    }

    private static List<PluginRegistry.CommandEntry> commands(
            String pluginName, GatewayPlugin plugin, String pluginSource, Function<Class<?>, String> sourceOf, ClassLoader loader)
            throws FactoryProblem {
        List<PluginCommand> commands = plugin.commands();
        if (commands == null) {
            throw new FactoryProblem(pluginSource, "commands() returned null; return an empty list");
        }
        List<PluginRegistry.CommandEntry> entries = new ArrayList<>();
        for (PluginCommand command : commands) {
            if (command == null) {
                throw new FactoryProblem(pluginSource, "commands() returned a null command");
            }
            String source = sourceOf.apply(command.getClass());
            String name = command.name();
            if (name == null || !FactoryCheck.TYPE.matcher(name).matches()) {
                throw new FactoryProblem(source, "command " + command.getClass().getName() + " has name "
                        + (name == null ? "null" : "\"" + name + "\"")
                        + "; a command name is lowercase letters, digits and dashes, starts with a letter and has at most 63 characters");
            }
            String summary = command.summary();
            entries.add(new PluginRegistry.CommandEntry(command, name,
                    summary == null ? "" : summary.strip().replaceAll("\\s*\\R\\s*", " "), pluginName, source, loader));
        }
        return entries;
    }

    /** A factory that breaks the rules, with the jar to blame. */
    private static final class FactoryProblem extends Exception {
        final String source;

        FactoryProblem(String source, String message) {
            super(message, null, false, false);
            this.source = source;
        }
    }
}
