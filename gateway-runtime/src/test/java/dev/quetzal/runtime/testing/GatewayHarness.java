package dev.quetzal.runtime.testing;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.ConfigLoader;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.PluginDiscovery;
import dev.quetzal.runtime.plugin.PluginLoadException;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a JSON config the way {@code quetzal run} does, with the plugins on the test class path,
 * for plugin modules' tests. The runtime's test jar also offers the types {@code test-frontend},
 * {@code test-backend} and {@code test-filter} (no-op components) to fill a config around the
 * component under test.
 */
public final class GatewayHarness {
    private GatewayHarness() {}

    public static PluginRegistry classPathPlugins() {
        try {
            return new PluginDiscovery(ApiVersion.CURRENT).discover(null, GatewayHarness.class.getClassLoader());
        } catch (PluginLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code json} to {@code folder/gateway.json} and binds it. */
    public static LoadedConfig load(Path folder, String json, Map<String, String> environment) throws ConfigException {
        Path file = folder.resolve("gateway.json");
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigLoader(classPathPlugins(), environment).load(file);
    }
}
