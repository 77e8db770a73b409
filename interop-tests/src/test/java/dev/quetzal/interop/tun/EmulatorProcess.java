package dev.quetzal.interop.tun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's command ({@code dev.quetzal.emulator.cli.EmulatorMain}) as a separate JVM with this
 * JVM's class path, under {@code timeout -s KILL} so that it cannot outlive a crashed test run. Its
 * standard output (one line per fact: URL, pin, users, network mode) is read as it comes; its logs
 * (standard error) go to a file.
 */
final class EmulatorProcess implements AutoCloseable {
    static final String MAIN_CLASS = "dev.quetzal.emulator.cli.EmulatorMain";
    private static final Pattern URL = Pattern.compile("https://[^\\s,;]+/");
    private static final Pattern PIN = Pattern.compile("pin-sha256:[A-Za-z0-9+/]+=*");
    /** Put on the queue when standard output ends. */
    private static final String END = new String("end of output");

    /** What the command printed on start. */
    record Facts(String url, String pin) {}

    private final Process timeout;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> printed = new CopyOnWriteArrayList<>();

    private EmulatorProcess(Process timeout, Path log) {
        this.timeout = timeout;
        this.log = log;
        Thread.ofVirtual().name("emulator-stdout").start(this::readOutput);
    }

    /**
     * Starts {@code launcher... timeout -s KILL LIMIT java ... EmulatorMain --config CONFIG}; the
     * launcher (e.g. {@code ip netns exec NETNS}) must exec its command.
     */
    static EmulatorProcess start(List<String> launcher, Path config, Path workDir, Duration limit) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("timeout", "-s", "KILL", Long.toString(limit.toSeconds()), java.toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), MAIN_CLASS, "--config", config.toString()));
        Path log = workDir.resolve("emulator.log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new EmulatorProcess(process, log);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(timeout.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading the emulator's output failed: " + e.getMessage() + ")");
        } finally {
            lines.add(END);
        }
    }

    /** The URL and certificate pin once both are printed; empty when the command ends or is too slow. */
    Optional<Facts> awaitFacts(Duration limit) throws InterruptedException {
        String url = null;
        String pin = null;
        long end = System.nanoTime() + limit.toNanos();
        while (url == null || pin == null) {
            String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line == END) {
                return Optional.empty();
            }
            printed.add(line);
            Matcher urlMatch = URL.matcher(line);
            Matcher pinMatch = PIN.matcher(line);
            if (url == null && urlMatch.find()) {
                url = urlMatch.group();
            }
            if (pin == null && pinMatch.find()) {
                pin = pinMatch.group();
            }
        }
        return Optional.of(new Facts(url, pin));
    }

    boolean isAlive() {
        return timeout.isAlive();
    }

    /**
     * Sends one SIGTERM to the JVM itself (timeout's child) and waits; the exit status, or -1 when it
     * did not end within {@code limit}.
     */
    int stop(Duration limit) throws InterruptedException {
        timeout.children().findFirst().ifPresent(ProcessHandle::destroy);
        if (!timeout.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return timeout.exitValue();
    }

    /** Standard output seen so far and the log, for failure messages. */
    String output() {
        List<String> out = new ArrayList<>(printed);
        lines.forEach(line -> {
            if (line != END) {
                out.add(line);
            }
        });
        String logText;
        try {
            logText = Files.readString(log);
        } catch (IOException e) {
            logText = "(no log: " + e.getMessage() + ")";
        }
        String state = timeout.isAlive() ? "running" : "exited with status " + timeout.exitValue();
        return "emulator (" + state + ") stdout:\n" + String.join("\n", out) + "\nemulator log:\n" + logText;
    }

    @Override
    public void close() {
        timeout.children().forEach(ProcessHandle::destroyForcibly);
        timeout.destroyForcibly();
    }
}
