package dev.quetzal.interop.libreswan;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.interop.strongswan.Scripts;
import dev.quetzal.interop.strongswan.SwanTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * libreswan 4.10's pluto in the client namespace of a {@link SwanTopology}, driven by {@code interop/libreswan/pluto.sh}:
 * the connection {@code home} to 198.18.0.1 with the rsa-3072 client certificate of the interop PKI. {@link #close}
 * stops it by its PID; {@code topology.sh down} would too, as the PID file sits in the topology's {@code pids/}.
 */
final class Pluto implements AutoCloseable {
    /** A cold cache downloads the .deb (1.3 MB) and unpacks it. */
    private static final Duration FETCH_LIMIT = Duration.ofSeconds(120);
    private static final Duration LIMIT = Duration.ofSeconds(40);

    private final Scripts scripts;
    private final Path workDir;

    private Pluto(Scripts scripts, Path workDir) {
        this.scripts = scripts;
        this.workDir = workDir;
    }

    /**
     * The scripts, once the Debian packages of {@code pluto.sh --packages} are installed and libreswan is unpacked in
     * its cache; under {@code CI=true} (.ci/run installs them) a missing one fails the test, elsewhere it is skipped.
     */
    static Scripts requiredScripts() throws IOException {
        Scripts scripts = new Scripts(InteropEnvironment.interopDir().resolve("libreswan"));
        List<String> missing = new ArrayList<>();
        for (String pkg : scripts.run("pluto.sh", LIMIT, "--packages").strip().split("\n")) {
            Scripts.Result status = Scripts.command(LIMIT, "dpkg-query", "-W", "-f=${Status}", pkg);
            if (!status.output().contains("install ok installed")) {
                missing.add(pkg);
            }
        }
        String problem = missing.isEmpty() ? null : "libreswan's libraries are not installed: " + missing
                + " (apt-get install --no-install-recommends " + String.join(" ", missing) + "; .ci/run does this)";
        if (problem == null) {
            try {
                scripts.run("pluto.sh", FETCH_LIMIT, "fetch");
            } catch (IOException e) {
                problem = "libreswan could not be fetched: " + e.getMessage().strip();
            }
        }
        if (problem != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(problem);
            }
            assumeTrue(false, problem);
        }
        return scripts;
    }

    /** {@code pluto.sh start}: the NSS database from {@code pkiRoot}'s rsa-3072 PEM files, then pluto with "home" loaded. */
    static Pluto start(Scripts scripts, SwanTopology topology, Path pkiRoot) throws IOException {
        scripts.run("pluto.sh", LIMIT, "start", topology.workDir().toString(), pkiRoot.toString());
        return new Pluto(scripts, topology.workDir());
    }

    /** {@code whack --initiate --asynchronous}: returns at once, the exchanges show in {@link #log}. */
    void initiate() throws IOException {
        scripts.run("pluto.sh", LIMIT, "initiate", workDir.toString());
    }

    /** pluto's log file. */
    Path log() {
        return workDir.resolve("libreswan").resolve("pluto.log");
    }

    /** Polls the log (every 100 ms, at most {@code limit}) until {@code wanted} holds; returns the last text read. */
    String awaitLog(Predicate<String> wanted, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        String text = read();
        while (!wanted.test(text) && System.nanoTime() < deadline) {
            Scripts.pause(100);
            text = read();
        }
        return text;
    }

    String read() throws IOException {
        return Files.exists(log()) ? Files.readString(log()) : "";
    }

    /** {@code pluto.sh stop}: SIGTERM to the recorded PID, a bounded wait, and the files removed. */
    @Override
    public void close() throws IOException {
        scripts.runToTheEnd("pluto.sh", LIMIT, "stop", workDir.toString());
    }
}
