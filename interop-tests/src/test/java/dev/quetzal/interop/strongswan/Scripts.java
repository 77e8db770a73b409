package dev.quetzal.interop.strongswan;

import dev.quetzal.interop.InteropEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts in {@code interop/strongswan/} and other bounded commands. Output goes to a file,
 * not a pipe: the scripts leave daemons behind that keep inherited descriptors open.
 */
public final class Scripts {
    private final Path directory;

    public Scripts(Path directory) {
        this.directory = directory;
    }

    /** The repository's scripts, found through failsafe's {@code quetzal.interop.dir}. */
    public static Scripts fromInteropDir() {
        return new Scripts(InteropEnvironment.interopDir().resolve("strongswan"));
    }

    /** Exit status and combined output of one command. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** {@code bash DIR/script args...}; an IOException with the output unless it exits with 0. */
    public String run(String script, Duration limit, Map<String, String> environment, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", directory.resolve(script).toString()));
        command.addAll(args);
        Result result = command(limit, environment, command);
        if (!result.succeeded()) {
            throw new IOException(script + " " + String.join(" ", args) + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    public String run(String script, Duration limit, String... args) throws IOException {
        return run(script, limit, Map.of(), List.of(args));
    }

    /** {@link #run} for a cleanup: a pending interrupt (a JUnit timeout) is set aside until it is done, not cut short. */
    public String runToTheEnd(String script, Duration limit, String... args) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return run(script, limit, args);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Any command, bounded by {@code limit}: killed and reported as an IOException when it overruns. */
    public static Result command(Duration limit, Map<String, String> environment, List<String> command) throws IOException {
        File output = File.createTempFile("qz-swan", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean exited;
            try {
                exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exited = false;
            }
            if (!exited) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + limit + ":\n"
                        + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    /** A pause between polls of a bounded wait; an interrupt ends it as an IOException. */
    public static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static Result command(Duration limit, String... command) throws IOException {
        return command(limit, Map.of(), List.of(command));
    }
}
