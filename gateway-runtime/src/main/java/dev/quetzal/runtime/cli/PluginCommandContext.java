package dev.quetzal.runtime.cli;

import dev.quetzal.api.command.CommandContext;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process as the command line sees it: streams, environment, working directory and installation
 * folder. {@link #ofSystem()} is the real one; tests build their own.
 */
public record PluginCommandContext(
        PrintWriter out, PrintWriter err, InputStream stdin, Path workingDirectory, Map<String, String> environment,
        Optional<Path> quetzalHome) implements CommandContext {
    public PluginCommandContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(stdin, "stdin");
        workingDirectory = workingDirectory.toAbsolutePath();
        environment = Map.copyOf(environment);
        Objects.requireNonNull(quetzalHome, "quetzalHome");
    }

    /** This process's standard streams, environment, current directory and {@code -Dquetzal.home}. */
    public static PluginCommandContext ofSystem() {
        String home = System.getProperty(GlobalOptions.HOME_PROPERTY);
        return new PluginCommandContext(writer(System.out), writer(System.err), System.in, Path.of(""), System.getenv(),
                Optional.ofNullable(home).map(Path::of));
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    /** The environment may hold secrets: never print it. */
    @Override
    public String toString() {
        return "PluginCommandContext[workingDirectory=" + workingDirectory + ", quetzalHome=" + quetzalHome + "]";
    }
}
