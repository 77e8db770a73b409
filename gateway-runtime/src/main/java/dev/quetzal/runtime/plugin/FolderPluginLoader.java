package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.GatewayPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads one {@code plugins/<name>/} folder: checks every jar's manifest before any class loads, then
 * puts all jars into one {@link PluginClassLoader} and asks it for {@link GatewayPlugin} providers.
 */
final class FolderPluginLoader {
    private final ApiVersion runtimeVersion;
    private final Path pluginsDirectory;

    FolderPluginLoader(ApiVersion runtimeVersion, Path pluginsDirectory) {
        this.runtimeVersion = runtimeVersion;
        this.pluginsDirectory = pluginsDirectory;
    }

    LoadedPlugin load(Path folder) throws PluginLoadException {
        String name = folder.getFileName().toString();
        String prefix = "plugin \"" + name + "\": ";
        String folderName = displayName(folder);
        List<PluginJar> jars = readJars(prefix, folder, folderName);
        ApiVersion apiVersion = checkApiVersions(prefix, folderName, jars);

        PluginClassLoader loader = new PluginClassLoader(name, jars.stream().map(PluginJar::path).toList());
        try {
            Map<Path, String> jarNames = new HashMap<>();
            jars.forEach(jar -> jarNames.put(jar.path().toAbsolutePath().normalize(), jar.displayName()));
            String allJars = jars.stream().map(PluginJar::displayName).collect(Collectors.joining(", "));
            List<PluginProviders.Provided> provided = PluginProviders.load(
                    name, loader, type -> CodeLocations.of(type).map(jarNames::get).orElse(folderName), allJars);
            if (provided.isEmpty()) {
                throw new PluginLoadException(prefix + "no provider of " + GatewayPlugin.class.getName() + " in " + allJars
                        + "; list the plugin class in META-INF/services/" + GatewayPlugin.class.getName());
            }
            List<PluginRegistry.Entry> entries = provided.stream().flatMap(p -> p.entries().stream()).toList();
            List<PluginRegistry.CommandEntry> commands = provided.stream().flatMap(p -> p.commands().stream()).toList();
            return new LoadedPlugin(name, folderName, apiVersion, loader, entries, commands);
        } catch (PluginLoadException | RuntimeException e) {
            closeQuietly(loader, e);
            throw e;
        }
    }

    /** The path as messages show it: {@code plugins/x/x.jar}, relative to the plugins directory's parent. */
    String displayName(Path path) {
        Path base = pluginsDirectory.getFileName();
        return base == null ? path.toString() : base.resolve(pluginsDirectory.relativize(path)).toString();
    }

    private List<PluginJar> readJars(String prefix, Path folder, String folderName) throws PluginLoadException {
        List<Path> paths;
        try (Stream<Path> children = Files.list(folder)) {
            paths = children.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw PluginLoadException.causedBy(prefix + "cannot list " + folderName, e);
        }
        if (paths.isEmpty()) {
            throw new PluginLoadException(prefix + folderName + " holds no .jar file");
        }
        List<PluginJar> jars = new ArrayList<>();
        for (Path path : paths) {
            String jarName = displayName(path);
            try {
                jars.add(PluginJar.read(path, jarName));
            } catch (IOException e) {
                throw PluginLoadException.causedBy(prefix + "cannot read " + jarName, e);
            } catch (IllegalArgumentException e) {
                throw new PluginLoadException(
                        prefix + jarName + " has a bad " + ApiVersion.MANIFEST_ATTRIBUTE + ": " + e.getMessage(), e);
            }
        }
        return jars;
    }

    /** Refuses jars built for another API; returns the newest version the plugin's jars declare. */
    private ApiVersion checkApiVersions(String prefix, String folderName, List<PluginJar> jars) throws PluginLoadException {
        ApiVersion newest = null;
        for (PluginJar jar : jars) {
            ApiVersion declared = jar.apiVersion();
            if (declared == null) {
                continue; // a library jar
            }
            if (!runtimeVersion.accepts(declared)) {
                throw new PluginLoadException(prefix + jar.displayName() + " was built for API " + declared
                        + ", this runtime has " + runtimeVersion);
            }
            if (newest == null || declared.minor() > newest.minor()) {
                newest = declared;
            }
        }
        if (newest == null) {
            throw new PluginLoadException(prefix + "no jar in " + folderName + " declares the manifest attribute "
                    + ApiVersion.MANIFEST_ATTRIBUTE + "; add \"" + ApiVersion.MANIFEST_ATTRIBUTE + ": " + runtimeVersion
                    + "\" (the API version it was compiled against) to the plugin jar's manifest");
        }
        return newest;
    }

    static void closeQuietly(PluginClassLoader loader, Exception failure) {
        try {
            loader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
