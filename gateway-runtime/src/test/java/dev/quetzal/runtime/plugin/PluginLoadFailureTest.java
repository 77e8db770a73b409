package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.runtime.testing.TestPluginJars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Checks that every way a plugin can be broken is a PluginLoadException whose one-line message names
// the jar or folder (design: "Zero providers, duplicate type names or an API-version mismatch are
// load errors that name the jar"): zero providers, throwing plugin code, duplicate types, API version
// gate, missing manifest attribute, corrupt jars and factories that break the SPI's rules.
final class PluginLoadFailureTest {
    private static final ApiVersion RUNTIME = ApiVersion.CURRENT;
    private static final ApiVersion NEXT_MAJOR = new ApiVersion(RUNTIME.major() + 1, 0);
    private static final ApiVersion NEXT_MINOR = new ApiVersion(RUNTIME.major(), RUNTIME.minor() + 1);

    @TempDir
    Path dir;

    private Path plugins() {
        return dir.resolve("plugins");
    }

    private PluginLoadException discoverFails() {
        return assertThrows(PluginLoadException.class, () -> new PluginDiscovery(RUNTIME).discover(plugins(), null));
    }

    @Test
    void zeroProvidersNameTheJars() throws Exception {
        TestPluginJars.builder()
                .source("com.example.none.Helper", "package com.example.none; public final class Helper {}")
                .write(plugins().resolve("none/none.jar"));

        assertEquals("plugin \"none\": no provider of dev.quetzal.api.GatewayPlugin in plugins/none/none.jar;"
                + " list the plugin class in META-INF/services/dev.quetzal.api.GatewayPlugin", discoverFails().getMessage());
    }

    @Test
    void providerWhoseConstructorThrowsNamesJarAndCause() throws Exception {
        TestPlugins.filter("com.example.bad.BadPlugin", "bad")
                .constructor("if (true) throw new IllegalStateException(\"licence expired\");")
                .writeTo(plugins(), "bad");

        PluginLoadException e = discoverFails();

        assertEquals("plugin \"bad\": plugins/bad/bad.jar: Provider com.example.bad.BadPlugin could not be instantiated:"
                + " IllegalStateException: licence expired", e.getMessage());
        assertOneLine(e);
        assertEquals("licence expired", rootCause(e).getMessage());
    }

    @Test
    void factoryMethodThatThrowsNamesJarAndCause() throws Exception {
        TestPlugins.filter("com.example.boom.BoomPlugin", "boom")
                .beforeFactories("if (true) throw new UnsupportedOperationException(\"no filters today\");")
                .writeTo(plugins(), "boom");

        PluginLoadException e = discoverFails();

        assertEquals("plugin \"boom\": plugins/boom/boom.jar: UnsupportedOperationException: no filters today", e.getMessage());
        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }

    @Test
    void serviceFileNamingAMissingClassNamesTheJar() throws Exception {
        TestPluginJars.builder()
                .source("com.example.ghost.Present", "package com.example.ghost; public final class Present {}")
                .service(GatewayPlugin.class, "com.example.ghost.GhostPlugin")
                .write(plugins().resolve("ghost/ghost.jar"));

        PluginLoadException e = discoverFails();

        assertEquals("plugin \"ghost\": plugins/ghost/ghost.jar: Provider com.example.ghost.GhostPlugin not found", e.getMessage());
    }

    @Test
    void duplicateTypeInTwoFoldersNamesBoth() throws Exception {
        TestPlugins.filter("com.example.a.APlugin", "dup").writeTo(plugins(), "a");
        TestPlugins.filter("com.example.b.BPlugin", "dup").writeTo(plugins(), "b");

        assertEquals("duplicate filter type \"dup\": plugins/a/a.jar (plugin a) and plugins/b/b.jar (plugin b) both offer it;"
                + " remove one of them", discoverFails().getMessage());
    }

    @Test
    void duplicateTypeOnClassPathAndInFolderNamesBoth() throws Exception {
        Path classPathJar = TestPlugins.filter("com.example.cp.CpPlugin", "dup").jar().write(dir.resolve("cp.jar"));
        TestPlugins.filter("com.example.f.FolderPlugin", "dup").writeTo(plugins(), "folder");

        try (URLClassLoader classPath = new URLClassLoader(new URL[] {classPathJar.toUri().toURL()}, getClass().getClassLoader())) {
            PluginLoadException e =
                    assertThrows(PluginLoadException.class, () -> new PluginDiscovery(RUNTIME).discover(plugins(), classPath));

            assertEquals("duplicate filter type \"dup\": " + classPathJar.toAbsolutePath() + " (plugin class-path) and"
                    + " plugins/folder/folder.jar (plugin folder) both offer it; remove one of them", e.getMessage());
        }
    }

    @Test
    void refusesJarBuiltForAnotherMajorVersion() throws Exception {
        TestPlugins.filter("com.example.x.XPlugin", "x").jar().apiVersion(NEXT_MAJOR.toString()).write(plugins().resolve("x/x.jar"));

        assertEquals("plugin \"x\": plugins/x/x.jar was built for API " + NEXT_MAJOR + ", this runtime has " + RUNTIME,
                discoverFails().getMessage());
    }

    @Test
    void refusesJarBuiltForANewerMinorVersion() throws Exception {
        TestPlugins.filter("com.example.x.XPlugin", "x").jar().apiVersion(NEXT_MINOR.toString()).write(plugins().resolve("x/x.jar"));

        assertEquals("plugin \"x\": plugins/x/x.jar was built for API " + NEXT_MINOR + ", this runtime has " + RUNTIME,
                discoverFails().getMessage());
    }

    @Test
    void refusesLibraryJarBuiltForAnotherVersion() throws Exception {
        TestPlugins.filter("com.example.x.XPlugin", "x").writeTo(plugins(), "x");
        TestPluginJars.builder()
                .apiVersion("0.9")
                .source("com.example.lib.Old", "package com.example.lib; public final class Old {}")
                .write(plugins().resolve("x/old-lib.jar"));

        assertEquals("plugin \"x\": plugins/x/old-lib.jar was built for API 0.9, this runtime has " + RUNTIME,
                discoverFails().getMessage());
    }

    @Test
    void refusesUnparsableApiVersion() throws Exception {
        TestPlugins.filter("com.example.x.XPlugin", "x").jar().apiVersion("one").write(plugins().resolve("x/x.jar"));

        assertEquals("plugin \"x\": plugins/x/x.jar has a bad Quetzal-Api-Version: expected an API version like 1.0, got \"one\"",
                discoverFails().getMessage());
    }

    @Test
    void refusesFolderWithoutApiVersionAttribute() throws Exception {
        TestPlugins.filter("com.example.x.XPlugin", "x").jar().apiVersion(null).write(plugins().resolve("x/x.jar"));

        assertEquals("plugin \"x\": no jar in plugins/x declares the manifest attribute Quetzal-Api-Version;"
                + " add \"Quetzal-Api-Version: " + RUNTIME + "\" (the API version it was compiled against) to the plugin jar's manifest",
                discoverFails().getMessage());
    }

    @Test
    void refusesFolderWithoutJars() throws Exception {
        Files.createDirectories(plugins().resolve("empty"));
        Files.writeString(plugins().resolve("empty/notes.txt"), "the jar is missing");

        assertEquals("plugin \"empty\": plugins/empty holds no .jar file", discoverFails().getMessage());
    }

    @Test
    void refusesCorruptJar() throws Exception {
        Files.createDirectories(plugins().resolve("broken"));
        Files.write(plugins().resolve("broken/broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 'n', 'o', 'p', 'e'});

        PluginLoadException e = discoverFails();

        assertTrue(e.getMessage().startsWith("plugin \"broken\": cannot read plugins/broken/broken.jar: ZipException"), e.getMessage());
        assertOneLine(e);
    }

    @Test
    void refusesPluginsPathThatIsAFile() throws Exception {
        Files.writeString(plugins(), "not a folder");

        assertEquals("plugins directory " + plugins() + " is not a directory", discoverFails().getMessage());
    }

    @Test
    void refusesBadTypeName() throws Exception {
        TestPlugins.filter("com.example.t.TypePlugin", "Packet_Capture").writeTo(plugins(), "t");

        assertEquals("plugin \"t\": plugins/t/t.jar: filter factory com.example.t.TypePlugin$Factory has type \"Packet_Capture\";"
                + " a type is lowercase letters, digits and dashes, starts with a letter and has at most 63 characters",
                discoverFails().getMessage());
    }

    @Test
    void refusesTypeNameLongerThan63Characters() throws Exception {
        TestPlugins.filter("com.example.t.TypePlugin", "a" + "b".repeat(63)).writeTo(plugins(), "t");

        assertTrue(discoverFails().getMessage().contains("at most 63 characters"));
    }

    @Test
    void refusesConfigTypeThatIsNotARecord() throws Exception {
        TestPlugins.filter("com.example.c.ConfigPlugin", "c").configType("java.util.HashMap.class").writeTo(plugins(), "c");

        assertEquals("plugin \"c\": plugins/c/c.jar: filter factory com.example.c.ConfigPlugin$Factory (type \"c\") has config type"
                + " java.util.HashMap, which is not a record", discoverFails().getMessage());
    }

    @Test
    void refusesFactoryListedUnderTheWrongKind() throws Exception {
        TestPlugins.filter("com.example.k.KindPlugin", "k").listedAsFrontend().writeTo(plugins(), "k");

        assertEquals("plugin \"k\": plugins/k/k.jar: com.example.k.KindPlugin$Factory is listed in frontendFactories()"
                + " but is a filter factory", discoverFails().getMessage());
    }

    private static void assertOneLine(Exception e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), e.getMessage());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
