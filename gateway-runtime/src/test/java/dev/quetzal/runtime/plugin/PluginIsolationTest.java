package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.testing.TestPluginJars;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

// The isolation test (design, "Plugins and wiring": a plugin's own dependencies stay private to it,
// only the API packages come from the runtime). Two plugins bundle different versions of the same
// library class, com.example.lib.Banner, and even use the same class names for their own code: both
// load into one registry and each sees its own Banner. A plugin cannot load the runtime's private
// classes (Jackson databind, the runtime itself, Logback), while the API, slf4j and Jackson
// annotations are the very same Class objects as the runtime's.
final class PluginIsolationTest {
    @TempDir
    Path dir;

    private PluginRegistry registry;

    @BeforeEach
    void loadTwoPluginsWithDifferentLibraryVersions() throws Exception {
        Path plugins = dir.resolve("plugins");
        writeBannerPlugin(plugins, "first", "v1");
        writeBannerPlugin(plugins, "second", "v2");
        registry = new PluginDiscovery(ApiVersion.CURRENT).discover(plugins, null);
    }

    /** plugins/<name>/ with banner-lib.jar (Banner says {@code version}) and <name>.jar compiled against it. */
    private void writeBannerPlugin(Path plugins, String name, String version) throws Exception {
        Path folder = plugins.resolve(name);
        Path library = TestPluginJars.builder()
                .apiVersion(null)
                .source("com.example.lib.Banner", """
                        package com.example.lib;

                        public final class Banner {
                            public static String text() {
                                return "%s";
                            }
                        }
                        """.formatted(version))
                .write(folder.resolve("banner-lib.jar"));
        TestPlugins.filter("com.example.banner.BannerPlugin", "banner-" + name)
                .description("\"banner \" + com.example.lib.Banner.text()")
                .stamp("com.example.lib.Banner.text().charAt(1)")
                .jar()
                .classPath(library)
                .write(folder.resolve(name + ".jar"));
    }

    @Test
    void eachPluginSeesItsOwnVersionOfABundledLibrary() throws Exception {
        PluginRegistry.Entry first = registry.find(ComponentKind.FILTER, "banner-first").orElseThrow();
        PluginRegistry.Entry second = registry.find(ComponentKind.FILTER, "banner-second").orElseThrow();

        assertEquals("banner v1", first.factory().description());
        assertEquals("banner v2", second.factory().description());
        assertEquals('1', stampedBy(first));
        assertEquals('2', stampedBy(second));
        assertNotSame(first.classLoader().loadClass("com.example.lib.Banner"), second.classLoader().loadClass("com.example.lib.Banner"));
        assertEquals(first.factory().getClass().getName(), second.factory().getClass().getName());
        assertNotSame(first.factory().getClass(), second.factory().getClass());
    }

    @Test
    void pluginCannotLoadRuntimePrivateClasses() {
        for (PluginRegistry.Entry entry : registry.entries(ComponentKind.FILTER).values()) {
            ClassLoader plugin = entry.factory().getClass().getClassLoader();
            for (String name : new String[] {
                "com.fasterxml.jackson.databind.ObjectMapper",
                "dev.quetzal.runtime.plugin.PluginDiscovery",
                "ch.qos.logback.classic.Logger",
                "com.google.inject.Guice",
            }) {
                assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, plugin), name);
            }
        }
    }

    @Test
    void apiClassesAreTheRuntimesOwn() throws Exception {
        for (PluginRegistry.Entry entry : registry.entries(ComponentKind.FILTER).values()) {
            ClassLoader plugin = entry.factory().getClass().getClassLoader();
            assertSame(GatewayPlugin.class, Class.forName("dev.quetzal.api.GatewayPlugin", false, plugin));
            assertSame(PacketFilterFactory.class, Class.forName("dev.quetzal.api.filter.PacketFilterFactory", false, plugin));
            assertSame(PacketBuffer.class, Class.forName("dev.quetzal.api.packet.PacketBuffer", false, plugin));
            assertSame(Logger.class, Class.forName("org.slf4j.Logger", false, plugin));
            assertSame(JsonProperty.class, Class.forName("com.fasterxml.jackson.annotation.JsonProperty", false, plugin));
        }
    }

    private static char stampedBy(PluginRegistry.Entry entry) throws Exception {
        PacketBuffer packet = PacketBuffer.copyOf(new byte[] {0x45, 0, 0, 20}, 0, 0);
        try (PacketFilter filter = PluginDiscoveryTest.createFilter(entry, TestPlugins.context(entry.plugin()))) {
            filter.outbound(packet, null);
        }
        return (char) packet.getUnsignedByte(0);
    }
}
