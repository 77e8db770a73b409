package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.config.EmptyConfig;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.testing.TestPluginJars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

// Checks discovery that succeeds: plugins/<name>/ folders (all jars in one loader, sorted by file
// name; plain files and hidden folders ignored), the class path, API minor compatibility, the thread
// context loader during plugin calls, and the INFO line per registered factory.
final class PluginDiscoveryTest {
    // Test jars declare the API they are built against now, as a real plugin build does.
    private static final ApiVersion RUNTIME = ApiVersion.CURRENT;

    @TempDir
    Path dir;

    @Test
    void loadsPluginFromFolderAndCreatesFilter() throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPlugins.filter("com.example.echo.EchoPlugin", "echo").stamp("42").writeTo(plugins, "echo");

        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(plugins, null);

        PluginRegistry.Entry entry = registry.find(ComponentKind.FILTER, "echo").orElseThrow();
        assertEquals("echo", entry.plugin());
        assertEquals("plugins/echo/echo.jar", entry.source());
        assertInstanceOf(PluginClassLoader.class, entry.classLoader());
        assertEquals("PluginClassLoader[echo]", entry.classLoader().toString());
        assertEquals(1, registry.plugins().size());
        LoadedPlugin plugin = registry.plugins().getFirst();
        assertEquals("echo", plugin.name());
        assertEquals("plugins/echo", plugin.source());
        assertEquals(RUNTIME, plugin.apiVersion());
        assertSame(entry.classLoader(), plugin.classLoader());

        PacketBuffer packet = PacketBuffer.copyOf(new byte[] {0x45, 0, 0, 20}, 0, 0);
        try (PacketFilter filter = createFilter(entry, TestPlugins.context("echo"))) {
            assertEquals(Verdict.PASS, filter.outbound(packet, null));
        }
        assertEquals(42, packet.getUnsignedByte(0));
    }

    @Test
    void putsAllJarsOfAFolderIntoOneLoaderSortedByFileName() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path folder = plugins.resolve("split");
        Path library = TestPluginJars.builder()
                .apiVersion(null)
                .source("com.example.split.Answer",
                        "package com.example.split; public final class Answer { public static int value() { return 7; } }")
                .write(folder.resolve("a-library.jar"));
        TestPlugins.filter("com.example.split.SplitPlugin", "split")
                .stamp("com.example.split.Answer.value()")
                .jar()
                .classPath(library)
                .write(folder.resolve("b-plugin.jar"));

        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(plugins, null);

        PluginRegistry.Entry entry = registry.find(ComponentKind.FILTER, "split").orElseThrow();
        URL[] urls = ((URLClassLoader) entry.classLoader()).getURLs();
        assertEquals(List.of("a-library.jar", "b-plugin.jar"),
                Arrays.stream(urls).map(url -> Path.of(url.getPath()).getFileName().toString()).toList());
        assertEquals("plugins/split/b-plugin.jar", entry.source());
        PacketBuffer packet = PacketBuffer.copyOf(new byte[] {0x45}, 0, 0);
        try (PacketFilter filter = createFilter(entry, TestPlugins.context("split"))) {
            filter.outbound(packet, null);
        }
        assertEquals(7, packet.getUnsignedByte(0));
    }

    @Test
    void ignoresPlainFilesAndHiddenFolders() throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPlugins.filter("com.example.real.RealPlugin", "real").writeTo(plugins, "real");
        // A jar at the top and a hidden folder with a broken jar: loading either would add a type or fail.
        TestPlugins.filter("com.example.stray.StrayPlugin", "stray").jar().write(plugins.resolve("stray.jar"));
        Files.writeString(plugins.resolve("README.txt"), "plugins go into folders");
        Files.createDirectories(plugins.resolve(".cache"));
        Files.writeString(plugins.resolve(".cache/broken.jar"), "not a jar");

        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(plugins, null);

        assertEquals(List.of("real"), registry.plugins().stream().map(LoadedPlugin::name).toList());
        assertEquals(Set.of("real"), registry.entries(ComponentKind.FILTER).keySet());
    }

    @Test
    void missingPluginsDirectoryGivesEmptyRegistry() throws Exception {
        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(dir.resolve("no-such-folder"), null);

        assertTrue(registry.plugins().isEmpty());
        for (ComponentKind kind : ComponentKind.values()) {
            assertTrue(registry.entries(kind).isEmpty(), kind.label());
        }
    }

    @Test
    void loadsPluginBuiltForAnOlderMinorVersion() throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPlugins.filter("com.example.old.OldPlugin", "old").jar().apiVersion("1.1").write(plugins.resolve("old/old.jar"));

        PluginRegistry registry = new PluginDiscovery(new ApiVersion(1, 3)).discover(plugins, null);

        assertEquals(new ApiVersion(1, 1), registry.plugins().getFirst().apiVersion());
        assertTrue(registry.find(ComponentKind.FILTER, "old").isPresent());
    }

    @Test
    void findsProvidersOnTheClassPath() throws Exception {
        Path jar = TestPlugins.filter("com.example.cp.ClassPathPlugin", "on-class-path").jar().write(dir.resolve("cp.jar"));

        // The parent shares the API but not this module's test class path, whose services file lists a test plugin.
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                new PluginClassLoader("api-only", List.of()))) {
            PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(null, classPath);

            PluginRegistry.Entry entry = registry.find(ComponentKind.FILTER, "on-class-path").orElseThrow();
            assertEquals("class-path", entry.plugin());
            assertEquals(jar.toAbsolutePath().toString(), entry.source());
            assertSame(classPath, entry.classLoader());
            LoadedPlugin plugin = registry.plugins().getFirst();
            assertEquals("class-path", plugin.name());
            assertEquals(jar.toAbsolutePath().toString(), plugin.source());
            assertNull(plugin.apiVersion());
        }
    }

    @Test
    void callsPluginCodeWithThePluginLoaderAsContextLoader() throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPlugins.filter("com.example.ctx.ContextPlugin", "ctx").writeTo(plugins, "ctx");
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(plugins, null);

        ComponentFactory<?, ?, ?> factory = registry.find(ComponentKind.FILTER, "ctx").orElseThrow().factory();
        assertEquals("PluginClassLoader[ctx]", factory.getClass().getMethod("contextLoader").invoke(factory));
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void logsEachRegisteredFactory() throws Exception {
        Path plugins = dir.resolve("plugins");
        TestPlugins.filter("com.example.pcap.PcapPlugin", "pcap").writeTo(plugins, "pcap");
        Logger logger = (Logger) LoggerFactory.getLogger(PluginDiscovery.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            new PluginDiscovery(RUNTIME).discover(plugins, null);
        } finally {
            logger.setLevel(before);
            logger.detachAppender(appender);
        }

        List<String> messages = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(messages.contains("plugin pcap: filter \"pcap\" from plugins/pcap/pcap.jar (API " + RUNTIME + ")"), messages::toString);
    }

    /** Creates a filter the way the runtime will: through the factory, with the plugin's loader current. */
    @SuppressWarnings("unchecked")
    static PacketFilter createFilter(PluginRegistry.Entry entry, FilterContext context) throws Exception {
        var factory = (ComponentFactory<EmptyConfig, FilterContext, PacketFilter>) entry.factory();
        try (var _ = new ThreadContextClassLoader(entry.classLoader())) {
            return factory.create(new EmptyConfig(), context);
        }
    }
}
