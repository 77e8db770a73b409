package dev.quetzal.tun.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a bounded wait and returns its combined output. */
public final class Commands {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Commands() {
    }

    /** The command's output; IOException with that output when it fails or overruns. */
    public static String run(String... command) throws IOException {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    public static String run(Duration timeout, List<String> command) throws IOException {
        Result result = runAllowingFailure(timeout, command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    /** Output and exit code. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Output goes to a file rather than a pipe: a command may leave daemons behind that keep
     * the inherited descriptor open, and reading a pipe to its end would wait for them.
     */
    public static Result runAllowingFailure(Duration timeout, List<String> command) throws IOException {
        File output = File.createTempFile("qz-command", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean exited;
            try {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exited = false;
            }
            if (!exited) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
