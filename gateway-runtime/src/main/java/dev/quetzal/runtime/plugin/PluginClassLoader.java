package dev.quetzal.runtime.plugin;

import dev.quetzal.api.GatewayPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin folder.
 *
 * <p>Its parent is the platform loader, so a plugin sees the JDK but none of the runtime's libraries
 * (Guice, Jackson databind, Logback) and may bundle other versions of them. Only names under {@link
 * PluginDiscovery#SHARED_PACKAGES} (classes and resources alike) come from the runtime's loader: they
 * must be the very same classes on both sides, or a {@code GatewayPlugin} from the plugin would not
 * be a {@code GatewayPlugin} to the runtime.
 */
public final class PluginClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final String pluginName;
    private final ClassLoader runtimeLoader;
    private final List<String> sharedResourcePrefixes;

    /** A loader over {@code jars}, sharing the API with the loader of {@link GatewayPlugin}. */
    public PluginClassLoader(String pluginName, List<Path> jars) {
        super("plugin-" + pluginName, toUrls(jars), ClassLoader.getPlatformClassLoader());
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.runtimeLoader = Objects.requireNonNull(GatewayPlugin.class.getClassLoader(), "loader of the API");
        this.sharedResourcePrefixes =
                PluginDiscovery.SHARED_PACKAGES.stream().map(p -> p.replace('.', '/')).toList();
    }

    /** The plugin's folder name. */
    public String pluginName() {
        return pluginName;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                // Shared names never come from the plugin's jars, even when a plugin bundles a copy.
                type = isShared(name, PluginDiscovery.SHARED_PACKAGES)
                        ? runtimeLoader.loadClass(name)
                        : super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        return isShared(name, sharedResourcePrefixes) ? runtimeLoader.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isShared(name, sharedResourcePrefixes) ? runtimeLoader.getResources(name) : super.getResources(name);
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + pluginName + "]";
    }

    private static boolean isShared(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static URL[] toUrls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }
}
