package dev.quetzal.interop.openconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One OpenConnect 9.01 process, always under {@code timeout -s KILL} (protocol notes quirk 11: a
 * looping 9.01 ignores SIGTERM). Stopped with ONE SIGTERM to the openconnect PID itself, not to the
 * process group, so its logout request is not cancelled (quirk 12).
 */
public final class OpenConnectRun implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process timeout;
    private final Path state;
    private final Path log;

    private OpenConnectRun(Process timeout, Path state, Path log) {
        this.timeout = timeout;
        this.state = state;
        this.log = log;
    }

    /**
     * Starts {@code openconnect --protocol=fortinet ARGS URL} with {@code stdin} written to it, in
     * script-tun mode when {@code tunScript} is set (environment {@code scriptEnv} for the script).
     */
    static OpenConnectRun start(Path openconnect, Path workDir, Duration limit, List<String> args, String url,
            String stdin, Path tunScript, Map<String, String> scriptEnv) throws IOException {
        return start(List.of(), openconnect, workDir, limit, args, url, stdin, tunScript, scriptEnv);
    }

    /**
     * As above, run through {@code launcher} (for example {@code ip netns exec NETNS}), which must
     * exec its command so that {@code timeout} keeps the PID this run waits for.
     */
    public static OpenConnectRun start(List<String> launcher, Path openconnect, Path workDir, Duration limit,
            List<String> args, String url, String stdin, Path tunScript, Map<String, String> scriptEnv)
            throws IOException {
        Path state = Files.createTempDirectory(workDir, "oc-");
        Path log = state.resolve("openconnect.log");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("timeout", "-s", "KILL", Long.toString(limit.toSeconds()),
                openconnect.toString(), "--protocol=fortinet", "--non-inter"));
        command.addAll(args);
        if (tunScript != null) {
            command.add("-S");
            command.add("--script=/usr/bin/python3 " + tunScript);
        }
        command.add(url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QZ_STATE", state.toString());
        builder.environment().putAll(scriptEnv);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new OpenConnectRun(process, state, log);
    }

    /** Waits until the tun script's progress file satisfies {@code condition}, or the process ends. */
    Optional<JsonNode> awaitProgress(Predicate<JsonNode> condition, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Optional<JsonNode> progress = read("progress.json");
            if (progress.isPresent() && condition.test(progress.get())) {
                return progress;
            }
            if (!timeout.isAlive()) {
                return progress;
            }
            Thread.sleep(50);
        }
        return read("progress.json");
    }

    /**
     * Waits until the script has written {@code name} into the state folder ({@code $QZ_STATE}), or
     * the process ends; the file's lines when it appeared.
     */
    public Optional<List<String>> awaitFile(String name, Duration limit) throws IOException, InterruptedException {
        Path file = state.resolve(name);
        long end = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file) && timeout.isAlive() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return Files.exists(file) ? Optional.of(Files.readAllLines(file)) : Optional.empty();
    }

    Optional<JsonNode> read(String name) throws IOException {
        Path file = state.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(Files.readString(file)));
    }

    /** Sends one SIGTERM to openconnect itself (the child of timeout). */
    public void terminate() {
        timeout.children().findFirst().ifPresent(ProcessHandle::destroy);
    }

    /** Waits for the exit code; -1 when it did not end within {@code limit}. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!timeout.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return timeout.exitValue();
    }

    public boolean isAlive() {
        return timeout.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        timeout.children().forEach(ProcessHandle::destroyForcibly);
        timeout.destroyForcibly();
    }
}
