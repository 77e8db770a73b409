package dev.quetzal.runtime.cli;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.ConfigLoader;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.PluginDiscovery;
import dev.quetzal.runtime.plugin.PluginLoadException;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The steps every command shares: load plugins, then the config, reporting errors as one line. */
final class Startup {
    private final GlobalOptions options;
    private final PrintWriter err;
    private final Map<String, String> environment;

    Startup(GlobalOptions options, PrintWriter err, Map<String, String> environment) {
        this.options = options;
        this.err = err;
        this.environment = environment;
    }

    /** The discovered plugins, or null after reporting the error. */
    PluginRegistry plugins() {
        try {
            return new PluginDiscovery(ApiVersion.CURRENT)
                    .discover(options.pluginsDirectory(), Startup.class.getClassLoader());
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

    /** One line, and the stack trace only at debug level. */
    void report(Exception e) {
        err.println(e.getMessage());
        if (options.debug()) {
            e.printStackTrace(err);
        }
    }
}
