package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.runtime.testing.CommandPluginJars;
import dev.quetzal.runtime.testing.TestingCommand;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin commands at load time (API 1.1, GatewayPlugin#commands): registered with their jar, and every
 * clash, with a built-in or between plugins, is a load error that names both jars (design: "Plugins
 * and wiring", load errors name the jar).
 */
final class PluginCommandDiscoveryTest {
    private static final ApiVersion RUNTIME = ApiVersion.CURRENT;

    @TempDir
    Path dir;

    private Path plugins() {
        return dir.resolve("plugins");
    }

    @Test
    @DisplayName("a folder plugin's command is registered under its name, with its jar and loader")
    void registersCommandFromFolderPlugin() throws Exception {
        CommandPluginJars.write(plugins(), "tool", "com.example.tool.ToolPlugin", "\"do-things\"");

        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(plugins(), null);

        PluginRegistry.CommandEntry command = registry.findCommand("do-things").orElseThrow();
        assertEquals("tool", command.plugin());
        assertEquals("plugins/tool/tool.jar", command.source());
        assertEquals("a command from a jar", command.summary());
        assertEquals("PluginClassLoader[tool]", command.classLoader().toString());
        assertEquals(registry.plugins().getFirst().commands(), java.util.List.of(command));
    }

    @Test
    @DisplayName("the runtime's test plugin on the class path offers test-echo")
    void findsClassPathCommand() throws Exception {
        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(null, getClass().getClassLoader());

        PluginRegistry.CommandEntry command = registry.findCommand("test-echo").orElseThrow();
        assertEquals("class-path", command.plugin());
        assertTrue(command.command() instanceof TestingCommand);
    }

    @Test
    @DisplayName("a command named like a built-in is a load error naming the plugin jar and the runtime's")
    void clashWithBuiltInNamesBothJars() throws Exception {
        CommandPluginJars.write(plugins(), "x", "com.example.x.XPlugin", "\"run\"");

        PluginLoadException e = assertThrows(PluginLoadException.class,
                () -> new PluginDiscovery(RUNTIME, Map.of("run", "lib/gateway-runtime.jar")).discover(plugins(), null));

        assertEquals("command \"run\" of plugins/x/x.jar (plugin x) clashes with the built-in command of"
                + " lib/gateway-runtime.jar; rename it", e.getMessage());
    }

    @Test
    @DisplayName("two plugins offering one command name is a load error naming both jars")
    void clashBetweenPluginsNamesBothJars() throws Exception {
        CommandPluginJars.write(plugins(), "a", "com.example.a.APlugin", "\"same\"");
        CommandPluginJars.write(plugins(), "b", "com.example.b.BPlugin", "\"same\"");

        PluginLoadException e = assertThrows(PluginLoadException.class, () -> new PluginDiscovery(RUNTIME).discover(plugins(), null));

        assertEquals("duplicate command \"same\": plugins/a/a.jar (plugin a) and plugins/b/b.jar (plugin b) both offer it;"
                + " remove one of them", e.getMessage());
    }

    @Test
    @DisplayName("a command name that is not lowercase-with-dashes is refused, naming the jar")
    void refusesBadCommandName() throws Exception {
        CommandPluginJars.write(plugins(), "x", "com.example.x.XPlugin", "\"Do_It\"");

        PluginLoadException e = assertThrows(PluginLoadException.class, () -> new PluginDiscovery(RUNTIME).discover(plugins(), null));

        assertEquals("plugin \"x\": plugins/x/x.jar: command com.example.x.XPlugin$Command has name \"Do_It\"; a command name"
                + " is lowercase letters, digits and dashes, starts with a letter and has at most 63 characters", e.getMessage());
    }

    @Test
    @DisplayName("a null command name is refused, naming the jar")
    void refusesNullCommandName() throws Exception {
        CommandPluginJars.write(plugins(), "x", "com.example.x.XPlugin", "null");

        PluginLoadException e = assertThrows(PluginLoadException.class, () -> new PluginDiscovery(RUNTIME).discover(plugins(), null));

        assertTrue(e.getMessage().startsWith("plugin \"x\": plugins/x/x.jar: command com.example.x.XPlugin$Command has name null;"),
                e.getMessage());
    }

    @Test
    @DisplayName("a plugin built for API 1.0 (no commands) still loads on a newer 1.x runtime")
    void loadsApi10Plugin() throws Exception {
        TestPlugins.filter("com.example.old.OldPlugin", "old").jar().apiVersion("1.0").write(plugins().resolve("old/old.jar"));

        PluginRegistry registry = new PluginDiscovery(RUNTIME).discover(plugins(), null);

        assertEquals(new ApiVersion(1, 0), registry.plugins().getFirst().apiVersion());
        assertTrue(registry.commands().isEmpty());
        assertTrue(registry.find(ComponentKind.FILTER, "old").isPresent());
    }
}
