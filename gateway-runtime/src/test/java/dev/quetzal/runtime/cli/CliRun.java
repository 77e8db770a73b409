package dev.quetzal.runtime.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the quetzal command line in this process with captured output, an empty environment and no home.
 * Public for other modules' tests, which have the plugins on their class path.
 */
public final class CliRun {
    private CliRun() {}

    /** The exit status and what went to standard output and standard error. */
    public record Result(int status, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs in the process's working directory. */
    public static Result run(String... args) {
        return runIn(Path.of(""), args);
    }

    /** Runs with {@code workingDirectory} as the command's working directory. */
    public static Result runIn(Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PluginCommandContext context = new PluginCommandContext(new PrintWriter(out, true), new PrintWriter(err, true),
                InputStream.nullInputStream(), workingDirectory, Map.of(), Optional.empty());
        int status = QuetzalCommand.execute(args, context);
        return new Result(status, out.toString(), err.toString());
    }
}
