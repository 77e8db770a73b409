package dev.quetzal.interop.tun;

import dev.quetzal.interop.Cleanup;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.interop.openconnect.OpenConnectRun;
import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The namespaces of one run, under names unique to it: {@code qzcl-RND} holds the emulator (its TUN
 * device {@code qzcRND} is created there) and OpenConnect (device {@code ocRND}); {@code qzcorp-RND}
 * receives the emulator's device and runs the corporate servers. {@link #close} undoes whatever is
 * still up, in order and with every step bounded, so a failed run leaves nothing behind.
 */
final class TunModeTopology implements AutoCloseable {
    static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(40);

    private final String suffix = NetworkNamespace.randomName("", 3);
    private final String clientNamespace = "qzcl-" + suffix;
    private final String corporateNamespace = "qzcorp-" + suffix;
    private final Path corporateScript = InteropEnvironment.interopDir().resolve("corporate-netns.sh");
    private EmulatorProcess emulator;
    private OpenConnectRun openconnect;
    private boolean corporateUp;

    private TunModeTopology() {}

    /**
     * Creates both namespaces. The corporate one is made here, in the test's own namespace: made by
     * corporate-netns.sh under {@code ip netns exec}, its /run/netns mount would stay inside that
     * command's private mount namespace and be unusable from outside.
     */
    static TunModeTopology create() throws IOException {
        TunModeTopology topology = new TunModeTopology();
        try {
            Commands.run("ip", "netns", "add", topology.clientNamespace);
            Commands.run("ip", "-n", topology.clientNamespace, "link", "set", "dev", "lo", "up");
            Commands.run("ip", "netns", "add", topology.corporateNamespace);
            return topology;
        } catch (IOException | RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    String clientNamespace() {
        return clientNamespace;
    }

    String corporateNamespace() {
        return corporateNamespace;
    }

    /** The emulator's TUN device. */
    String corporateDevice() {
        return "qzc" + suffix;
    }

    /** OpenConnect's TUN device. */
    String clientDevice() {
        return "oc" + suffix;
    }

    /** {@code ip netns exec qzcl-RND}: runs a command in the client namespace. */
    List<String> inClient() {
        return List.of("ip", "netns", "exec", clientNamespace);
    }

    /** Runs {@code command} in the client namespace; its exit code and output. */
    Commands.Result runInClient(Duration limit, String... command) throws IOException {
        List<String> full = new ArrayList<>(inClient());
        full.addAll(List.of(command));
        return Commands.runAllowingFailure(limit, full);
    }

    EmulatorProcess startEmulator(Path config, Path workDir, Duration limit) throws IOException {
        emulator = EmulatorProcess.start(inClient(), config, workDir, limit);
        return emulator;
    }

    void attach(OpenConnectRun run) {
        openconnect = run;
    }

    /** {@code corporate-netns.sh up}, run in the client namespace where the emulator made its device. */
    Commands.Result corporateUp() throws IOException {
        corporateUp = true;
        List<String> command = new ArrayList<>(inClient());
        command.addAll(List.of("bash", corporateScript.toString(), "up", corporateNamespace, corporateDevice()));
        return Commands.runAllowingFailure(SCRIPT_LIMIT, command);
    }

    /** One SIGTERM to openconnect; its exit status, -1 if it outlived {@link #STOP_WAIT} (then it is killed). */
    int stopOpenConnect() throws InterruptedException {
        OpenConnectRun run = openconnect;
        openconnect = null;
        if (run == null) {
            return -1;
        }
        try {
            run.terminate();
            return run.awaitExit(STOP_WAIT);
        } finally {
            run.close();
        }
    }

    /** One SIGTERM to the emulator's JVM; its exit status, -1 if it outlived {@link #STOP_WAIT} (then killed). */
    int stopEmulator() throws InterruptedException {
        EmulatorProcess process = emulator;
        emulator = null;
        if (process == null) {
            return -1;
        }
        try {
            return process.stop(STOP_WAIT);
        } finally {
            process.close();
        }
    }

    /** {@code corporate-netns.sh down}: stops the servers it started and deletes the corporate namespace. */
    Commands.Result corporateDown() throws IOException {
        corporateUp = false;
        return Commands.runAllowingFailure(SCRIPT_LIMIT,
                List.of("bash", corporateScript.toString(), "down", corporateNamespace, corporateDevice()));
    }

    /** Deletes both namespaces if they still exist. */
    void deleteNamespaces() throws IOException {
        for (String name : List.of(clientNamespace, corporateNamespace)) {
            if (NetworkNamespace.exists(name)) {
                Commands.run(Duration.ofSeconds(30), List.of("ip", "netns", "del", name));
            }
        }
    }

    /**
     * Stops what is still running and removes the namespaces. Each step runs even when an earlier
     * one failed; the first failure is thrown with the others suppressed. A pending interrupt (a
     * JUnit timeout) is held back during the cleanup so that its bounded waits still work.
     */
    @Override
    public void close() throws IOException {
        List<Cleanup.Step> steps = new ArrayList<>(List.of(this::stopOpenConnect, this::stopEmulator));
        if (corporateUp) {
            steps.add(() -> {
                Commands.Result down = corporateDown();
                if (down.exitCode() != 0) {
                    throw new IOException("corporate-netns.sh down failed:\n" + down.output());
                }
            });
        }
        steps.add(this::deleteNamespaces);
        Cleanup.runAll(toString(), steps);
    }

    @Override
    public String toString() {
        return "namespaces " + clientNamespace + " and " + corporateNamespace;
    }
}
