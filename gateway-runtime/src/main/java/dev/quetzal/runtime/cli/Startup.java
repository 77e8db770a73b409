package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.ConfigLoader;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.PluginLoadException;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;

/** The steps every command shares: load plugins, then the config, reporting errors as one line. */
final class Startup {
    private final GlobalOptions options;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final QuetzalCommand parent;

    Startup(GlobalOptions options, PrintWriter err, Map<String, String> environment) {
        this(options, err, environment, null);
    }

    /** parent: the top-level command, whose plugins discovered before parsing are reused; may be null. */
    Startup(GlobalOptions options, PrintWriter err, Map<String, String> environment, QuetzalCommand parent) {
        this.options = options;
        this.err = err;
        this.environment = environment;
        this.parent = parent;
    }

    /** The discovered plugins, or null after reporting the error. */
    PluginRegistry plugins() {
        PluginRegistry preloaded = parent == null ? null : parent.preloaded(options.pluginsDirectory());
        if (preloaded != null) {
            return preloaded;
        }
        try {
            return QuetzalCommand.discovery().discover(options.pluginsDirectory(), Startup.class.getClassLoader());
        } catch (PluginLoadException e) {
            report(e);
            return null;
        }
    }

    /** Plugins, then the config bound against them; null after reporting whichever failed. */
    LoadedConfig pluginsAndConfig(Path file) {
        PluginRegistry plugins = plugins();
        return plugins == null ? null : config(plugins, file);
    }

    /** The bound config, or null after reporting the error. */
    LoadedConfig config(PluginRegistry registry, Path file) {
        try {
            return new ConfigLoader(registry, environment).load(file);
        } catch (ConfigException e) {
            report(e);
            return null;
        }
    }

    /** The jar or class folder {@code type} was loaded from, or null. */
    static Path codeLocation(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null; // not loaded from a file; the caller says "the quetzal runtime" instead
        }
    }

    /** One line, and the stack trace only at debug level. */
    void report(Exception e) {
        err.println(e.getMessage());
        if (options.debug()) {
            e.printStackTrace(err);
        }
    }
}
