package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.runtime.testing.TestPluginJars;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Checks PluginClassLoader's delegation rules one by one, after Trino's PluginClassLoader (style
// anchors §1, "Isolation by allow-list"): the parent is the platform loader, names under
// SHARED_PACKAGES (classes and resources) always come from the runtime's loader, even when a plugin
// jar bundles its own copy, everything else from the plugin's jars; toString names the plugin.
final class PluginClassLoaderTest {
    @TempDir
    Path dir;

    @Test
    void parentIsThePlatformLoader() throws Exception {
        try (PluginClassLoader loader = new PluginClassLoader("p", List.of())) {
            assertSame(ClassLoader.getPlatformClassLoader(), loader.getParent());
            assertSame(String.class, loader.loadClass("java.lang.String"));
            // java.sql lives in the platform loader, not the boot loader: plugins still see it.
            assertSame(java.sql.Connection.class, loader.loadClass("java.sql.Connection"));
        }
    }

    @Test
    void sharedNamesNeverComeFromThePluginsJars() throws Exception {
        // The jar bundles a class and a resource under dev.quetzal.api: neither may shadow the runtime's.
        Path jar = TestPluginJars.builder()
                .source("dev.quetzal.api.Smuggled", "package dev.quetzal.api; public final class Smuggled {}")
                .resource("dev/quetzal/api/api-version.properties", "api.version=9.9\n".getBytes(StandardCharsets.UTF_8))
                .resource("com/example/own.properties", "mine=yes\n".getBytes(StandardCharsets.UTF_8))
                .write(dir.resolve("p.jar"));

        try (PluginClassLoader loader = new PluginClassLoader("p", List.of(jar))) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.quetzal.api.Smuggled"));
            assertSame(ApiVersion.class, loader.loadClass("dev.quetzal.api.ApiVersion"));
            assertEquals(ApiVersion.class.getResource("api-version.properties"), loader.getResource("dev/quetzal/api/api-version.properties"));
            assertEquals(1, Collections.list(loader.getResources("dev/quetzal/api/api-version.properties")).size());
            try (InputStream in = loader.getResourceAsStream("dev/quetzal/api/api-version.properties")) {
                assertNotNull(in);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(-1, text.indexOf("9.9"), text);
            }
            assertNotNull(loader.getResource("com/example/own.properties"));
        }
    }

    @Test
    void runtimePrivateResourcesAreInvisible() throws Exception {
        try (PluginClassLoader loader = new PluginClassLoader("p", List.of())) {
            assertNull(loader.getResource("com/fasterxml/jackson/databind/ObjectMapper.class"));
            assertNull(loader.getResource("dev/quetzal/runtime/plugin/PluginDiscovery.class"));
            assertNotNull(loader.getResource("org/slf4j/Logger.class"));
        }
    }

    @Test
    void toStringNamesThePlugin() throws Exception {
        try (PluginClassLoader loader = new PluginClassLoader("pcap", List.of())) {
            assertEquals("PluginClassLoader[pcap]", loader.toString());
            assertEquals("pcap", loader.pluginName());
        }
    }
}
