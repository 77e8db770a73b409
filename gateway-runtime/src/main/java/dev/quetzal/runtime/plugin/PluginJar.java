package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ApiVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What the loader learns from one jar of a plugin folder before any of its classes is loaded.
 *
 * @param displayName the jar as messages show it, for example {@code plugins/pcap/pcap.jar}
 * @param apiVersion the declared {@link ApiVersion#MANIFEST_ATTRIBUTE}, or null for a library jar
 */
record PluginJar(Path path, String displayName, ApiVersion apiVersion) {
    /**
     * Reads the manifest.
     *
     * @throws IOException when the jar cannot be opened (missing, unreadable, not a zip)
     * @throws IllegalArgumentException when the declared API version is not {@code major.minor}
     */
    static PluginJar read(Path path, String displayName) throws IOException {
        // No signature check here: the class loader verifies signed jars when it loads classes.
        try (JarFile jar = new JarFile(path.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            String declared = manifest == null ? null : manifest.getMainAttributes().getValue(ApiVersion.MANIFEST_ATTRIBUTE);
            return new PluginJar(path, displayName, declared == null ? null : ApiVersion.parse(declared));
        }
    }
}
