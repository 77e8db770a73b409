package dev.quetzal.interop.strongswan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Quetzal as the gateway: {@code quetzal run} as its own JVM (this JVM's class path) inside the server namespace,
 * with the {@code ikev2} frontend on 198.18.0.1 and the {@code tun} backend ({@code configure: true}), so that the
 * pool 198.18.2.0/24 reaches 198.18.1.1 on the namespace's lo and back. ESP runs in that process, so its CPU time is
 * the whole gateway's cost, like strongSwan's with kernel-libipsec. Port 500 means IKE on 500 and NAT-T on 4500; any
 * other port P is custom-port mode: everything on P alone ({@code singlePort}).
 */
public final class QuetzalServer implements VpnServer {
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    /** A line the runtime logs once every component started. */
    private static final String STARTED = "gateway started in";
    /** The tun backend that routes the pool into its device itself. */
    static final String TUN_BACKEND = "{\"type\": \"tun\", \"device\": \"qztun%d\", \"configure\": true}";

    private final SwanTopology topology;
    private final String logLevel;
    private Process process;
    private int lastExitCode = -1;

    /**
     * The runtime's {@code --log-level} comes from the system property {@code quetzal.interop.logLevel}: INFO (the
     * default) for measurements, DEBUG to follow IKE.
     */
    public QuetzalServer(SwanTopology topology) {
        this.topology = topology;
        this.logLevel = System.getProperty("quetzal.interop.logLevel", "INFO");
    }

    @Override
    public String name() {
        return "Quetzal (ikev2 + tun)";
    }

    @Override
    public void start(InteropPki pki, Suite suite, int port) throws IOException {
        start(pki, suite, port, null);
    }

    /** As {@link #start(InteropPki, Suite, int)}, with the frontend's {@code lifetimes} object (JSON) when not null. */
    public void start(InteropPki pki, Suite suite, int port, String lifetimes) throws IOException {
        start(config(pki, suite, port, lifetimes, null, null));
    }

    /** Runs the gateway with this JSON config (see {@link #config}); returns once it logged that it started. */
    public void start(String json) throws IOException {
        if (process != null) {
            throw new IllegalStateException("Quetzal is already running (PID " + process.pid() + ")");
        }
        Path dir = Files.createDirectories(topology.workDir().resolve("quetzal"));
        Path config = dir.resolve("gateway.json");
        Files.writeString(config, json);
        Files.deleteIfExists(log());
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", topology.serverNamespace(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.quetzal.runtime.cli.Main", "--log-level", logLevel,
                "run", "--config", config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        // topology.sh down stops it too if the test dies before stop().
        Files.writeString(pidFile(), Long.toString(process.pid()));
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log()).contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                throw new IOException("Quetzal exited with " + code + " while starting:\n" + tail());
            }
            Scripts.pause(50);
        }
        stop();
        throw new IOException("Quetzal did not start within " + START_LIMIT + ":\n" + tail());
    }

    /**
     * The gateway's JSON: the PKI's server files, only {@code suite}, the interop pool and the tun backend.
     *
     * @param lifetimes the frontend's {@code lifetimes} object, or null for its defaults
     * @param backend the {@code backend} object, or null for {@link #TUN_BACKEND}
     * @param filters the {@code filters} list's entries, or null for none
     */
    static String config(InteropPki pki, Suite suite, int port, String lifetimes, String backend, String filters) {
        return config(pki, suite, port, lifetimes, backend, filters, "{\"ipv4\": \"198.18.2.0/24\"}", null);
    }

    /**
     * As {@link #config(InteropPki, Suite, int, String, String, String)}, with the {@code addressPool} object and the
     * {@code napt} object (null: NAPT off) as JSON.
     */
    public static String config(InteropPki pki, Suite suite, int port, String lifetimes, String backend,
            String filters, String addressPool, String napt) {
        boolean single = port != 500;
        return """
                {
                  "frontends": [{
                    "type": "ikev2",
                    "listenAddress": "%s",
                    "ikePort": %d,
                    "natPort": %d,
                    "singlePort": %s,
                    "certificate": "%s",
                    "key": "%s",
                    "clientCa": "%s",
                    "identity": "%s",
                    "suites": ["%s"]%s
                  }],
                  "backend": %s,
                  "filters": [%s],
                  "addressPool": %s,%s
                  "status": {"enabled": false}
                }
                """.formatted(SwanTopology.SERVER_OUTER, single ? 0 : 500, single ? port : 4500, single,
                pki.serverCertificate(), pki.serverKey(), pki.caCertificate(), InteropPki.SERVER_ID,
                suite.ikeProposal(), lifetimes == null ? "" : ",\n    \"lifetimes\": " + lifetimes,
                backend == null ? TUN_BACKEND : backend, filters == null ? "" : filters, addressPool,
                napt == null ? "" : "\n  \"napt\": " + napt + ",");
    }

    /** SIGTERM, then a bounded wait; {@link #lastExitCode} tells how it ended (0: a clean stop). */
    @Override
    public void stop() throws IOException {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        running.destroy();
        try {
            if (!running.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                running.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                lastExitCode = -1;
                throw new IOException("Quetzal ignored SIGTERM for " + STOP_LIMIT + "; killed it:\n" + tail());
            }
            lastExitCode = running.exitValue();
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping Quetzal", e);
        } finally {
            Files.deleteIfExists(pidFile());
        }
    }

    /** The exit status of the last {@link #stop}, -1 before one or when it had to be killed. */
    public int lastExitCode() {
        return lastExitCode;
    }

    @Override
    public long pid() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("Quetzal is not running");
        }
        return running.pid();
    }

    /** Quetzal's standard output and error. */
    public Path log() {
        return topology.workDir().resolve("quetzal").resolve("quetzal.log");
    }

    private Path pidFile() {
        return topology.workDir().resolve("pids").resolve("quetzal.pid");
    }

    /** The last lines of the log, for failure messages. */
    public String tail() throws IOException {
        if (!Files.exists(log())) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

}
