package dev.quetzal.interop.tun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
 * standard output (one line per fact: URL, pin, users, network mode; then the answers to control
 * commands) is read as it comes; its logs (standard error) go to a file. Started with control, its
 * standard input is a pipe for {@code --control-stdin} commands ({@link #control}).
 */
public final class EmulatorProcess implements AutoCloseable {
    static final String MAIN_CLASS = "dev.quetzal.emulator.cli.EmulatorMain";
    private static final Pattern URL = Pattern.compile("https://[^\\s,;]+/");
    private static final Pattern PIN = Pattern.compile("pin-sha256:[A-Za-z0-9+/]+=*");
    /** Put on the queue when standard output ends. */
    private static final String END = new String("end of output");

    /** What the command printed on start. */
    public record Facts(String url, String pin) {}

    private final Process timeout;
    private final Path log;
    private final Writer control;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> printed = new CopyOnWriteArrayList<>();

    private EmulatorProcess(Process timeout, Path log, boolean control) {
        this.timeout = timeout;
        this.log = log;
        this.control = control ? new OutputStreamWriter(timeout.getOutputStream(), StandardCharsets.UTF_8) : null;
        Thread.ofVirtual().name("emulator-stdout").start(this::readOutput);
    }

    /**
     * Starts {@code launcher... timeout -s KILL LIMIT java ... EmulatorMain --config CONFIG}; the
     * launcher (e.g. {@code ip netns exec NETNS}) must exec its command.
     */
    static EmulatorProcess start(List<String> launcher, Path config, Path workDir, Duration limit) throws IOException {
        return start(launcher, config, workDir, limit, false);
    }

    /** As above; with {@code control}, adds {@code --control-stdin} and keeps standard input as a pipe. */
    public static EmulatorProcess start(List<String> launcher, Path config, Path workDir, Duration limit,
            boolean control) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("timeout", "-s", "KILL", Long.toString(limit.toSeconds()), java.toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), MAIN_CLASS, "--config", config.toString()));
        if (control) {
            command.add("--control-stdin");
        }
        Path log = workDir.resolve("emulator.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        if (!control) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        return new EmulatorProcess(builder.start(), log, control);
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

    /**
     * Sends one {@code --control-stdin} command and returns its answer line ({@code ok ...}); an {@code error}
     * answer, no answer within {@code limit} or a process started without control is an IOException. Call it after
     * {@link #awaitFacts}; other lines printed meanwhile are kept for {@link #output}.
     */
    public String control(String command, Duration limit) throws IOException, InterruptedException {
        if (control == null) {
            throw new IllegalStateException("the emulator was started without --control-stdin");
        }
        control.write(command + "\n");
        control.flush();
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line == END) {
                throw new IOException("no answer to \"" + command + "\" within " + limit + "\n" + output());
            }
            printed.add(line);
            if (line.startsWith("ok " + command)) {
                return line;
            }
            if (line.startsWith("error ")) {
                throw new IOException("the emulator answered \"" + command + "\" with: " + line);
            }
        }
    }

    /** The URL and certificate pin once both are printed; empty when the command ends or is too slow. */
    public Optional<Facts> awaitFacts(Duration limit) throws InterruptedException {
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

    /** The emulator's JVM (the child of {@code timeout}), for its CPU time; IllegalStateException once it ended. */
    public long pid() {
        return timeout.children().findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("the emulator is not running"));
    }

    public boolean isAlive() {
        return timeout.isAlive();
    }

    /**
     * Sends one SIGTERM to the JVM itself (timeout's child) and waits; the exit status, or -1 when it
     * did not end within {@code limit}.
     */
    public int stop(Duration limit) throws InterruptedException {
        timeout.children().findFirst().ifPresent(ProcessHandle::destroy);
        if (!timeout.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return timeout.exitValue();
    }

    /** Standard output seen so far and the log, for failure messages. */
    public String output() {
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
