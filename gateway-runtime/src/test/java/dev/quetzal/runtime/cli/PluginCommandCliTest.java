package dev.quetzal.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.quetzal.runtime.testing.CommandPluginJars;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Plugin commands on the quetzal command line (GatewayPlugin#commands, API 1.1): {@code quetzal <name>
 * ARGS} hands ARGS over untouched, the return value is the exit status, an exception is one line on
 * standard error and status 1, the plugin's loader is the context loader, and help and {@code quetzal
 * plugins} list the commands. {@code test-echo} comes from the runtime's TestingPlugin on the test class
 * path; jar plugins are built by {@link CommandPluginJars}.
 */
final class PluginCommandCliTest {
    @TempDir
    Path dir;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();

    /** --log-level changes the process's root logger; keep it from leaking into other tests. */
    @AfterEach
    void restoreLogLevel() {
        root.setLevel(rootLevel);
    }

    private record Result(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Result run(String stdin, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        PluginCommandContext context = new PluginCommandContext(
                new PrintWriter(out, true), new PrintWriter(err, true), in, dir, environment, Optional.empty());
        int status = QuetzalCommand.execute(args, context);
        return new Result(status, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run("", Map.of(), args);
    }

    @Test
    @DisplayName("arguments after the command's name reach the plugin untouched, options and -- included")
    void passesArgumentsThrough() {
        Result result = run("test-echo", "--help", "-x", "--", "two words", "--plugins", "elsewhere", "@file", "--log-level=loud");

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertEquals(List.of("[--help]", "[-x]", "[--]", "[two words]", "[--plugins]", "[elsewhere]", "[@file]",
                "[--log-level=loud]", "cwd " + dir.toAbsolutePath()), result.outLines());
        assertEquals("", result.err());
    }

    @Test
    @DisplayName("global options may come before the command's name")
    void globalOptionsBeforeTheCommand() {
        Result result = run("--log-level=warn", "--plugins", dir.resolve("none").toString(), "test-echo", "a");

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertEquals("[a]", result.outLines().getFirst());
    }

    @Test
    @DisplayName("the command's return value is the exit status")
    void returnValueIsTheExitStatus() {
        assertEquals(7, run("test-echo", "exit", "7").status());
        assertEquals(0, run("test-echo", "exit", "0").status());
    }

    @Test
    @DisplayName("an exception is one line on standard error and status 1")
    void exceptionIsOneLineAndStatus1() {
        Result result = run("test-echo", "fail", "the CA key is missing\n  at line two");

        assertEquals(ExitCodes.FAILURE, result.status());
        assertEquals(List.of("test-echo: the CA key is missing at line two"), result.errLines());
    }

    @Test
    @DisplayName("at --log-level=debug the exception's stack trace follows")
    void debugPrintsTheStackTrace() {
        Result result = run("--log-level=debug", "test-echo", "fail", "oops");

        assertEquals(ExitCodes.FAILURE, result.status());
        assertEquals("test-echo: oops", result.errLines().getFirst());
        assertTrue(result.err().contains("\tat "), result.err());
    }

    @Test
    @DisplayName("environment and standard input come from the command context")
    void environmentAndStdinFromTheContext() {
        assertEquals(List.of("secret-less value"), run("", Map.of("QZ_TEST", "secret-less value"), "test-echo", "env", "QZ_TEST").outLines());
        assertEquals("line 1\nline 2\n", run("line 1\nline 2\n", Map.of(), "test-echo", "stdin").out());
    }

    @Test
    @DisplayName("quetzal --help and quetzal help NAME list the plugin command with its summary")
    void helpListsPluginCommands() {
        Result help = run("--help");
        assertEquals(ExitCodes.OK, help.status());
        assertTrue(help.out().lines().anyMatch(l -> l.contains("test-echo") && l.contains("Print the arguments as the plugin receives them")),
                help.out());

        Result commandHelp = run("help", "test-echo");
        assertEquals(ExitCodes.OK, commandHelp.status(), commandHelp.err());
        assertTrue(commandHelp.out().startsWith("Usage: quetzal test-echo [ARGS...]"), commandHelp.out());
    }

    @Test
    @DisplayName("quetzal plugins lists each plugin's commands")
    void pluginsListsCommands() {
        Result result = run("plugins");

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertTrue(result.out().contains("  command \"test-echo\": Print the arguments as the plugin receives them  (quetzal test-echo ...)"),
                result.out());
    }

    @Test
    @DisplayName("a folder plugin's command runs with the plugin's class loader as the context loader")
    void folderPluginRunsWithItsLoader() throws Exception {
        Path plugins = dir.resolve("plugins");
        CommandPluginJars.write(plugins, "tool", "com.example.tool.ToolPlugin", "\"do-things\"");
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        Result result = run("--plugins", plugins.toString(), "do-things", "a", "b", "c");

        assertEquals(3, result.status(), result.err());
        assertEquals(List.of("loader PluginClassLoader[tool]", "args [a, b, c]"), result.outLines());
        assertTrue(before == Thread.currentThread().getContextClassLoader());
        Result listed = run("--plugins", plugins.toString(), "plugins");
        assertTrue(listed.out().contains("command \"do-things\": a command from a jar"), listed.out());
    }

    @Test
    @DisplayName("a checked exception from a jar plugin is one line with its type, status 1")
    void checkedExceptionFromJarPlugin() throws Exception {
        Path plugins = dir.resolve("plugins");
        CommandPluginJars.write(plugins, "tool", "com.example.tool.ToolPlugin", "\"do-things\"");

        Result result = run("--plugins=" + plugins, "do-things", "boom");

        assertEquals(ExitCodes.FAILURE, result.status());
        assertEquals(List.of("do-things: IOException: disk on fire second line"), result.errLines());
    }

    @Test
    @DisplayName("a plugin command named like a built-in is a load error naming both jars; version still works")
    void clashWithBuiltInIsALoadError() throws Exception {
        Path plugins = dir.resolve("plugins");
        CommandPluginJars.write(plugins, "x", "com.example.x.XPlugin", "\"check-config\"");

        Result result = run("--plugins", plugins.toString(), "plugins");

        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals(1, result.errLines().size(), result.err());
        String line = result.errLines().getFirst();
        assertTrue(line.startsWith("command \"check-config\" of plugins/x/x.jar (plugin x) clashes with the built-in command of "), line);
        assertTrue(line.contains("gateway-runtime"), line);
        assertEquals(ExitCodes.OK, run("--plugins", plugins.toString(), "version").status());
    }

    @Test
    @DisplayName("when plugins fail to load, a command that is not built in reports the load error, status 2")
    void pluginLoadErrorForAPluginCommand() throws Exception {
        Path plugins = dir.resolve("plugins");
        CommandPluginJars.write(plugins, "a", "com.example.a.APlugin", "\"same\"");
        CommandPluginJars.write(plugins, "b", "com.example.b.BPlugin", "\"same\"");

        Result result = run("--plugins", plugins.toString(), "same", "x");

        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals(List.of("duplicate command \"same\": plugins/a/a.jar (plugin a) and plugins/b/b.jar (plugin b) both offer it;"
                + " remove one of them"), result.errLines());
        assertEquals("", result.out());
    }

    @Test
    @DisplayName("an unknown command is still a usage error, status 2")
    void unknownCommand() {
        Result result = run("no-such-command", "x");

        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertFalse(result.err().isEmpty());
    }
}
