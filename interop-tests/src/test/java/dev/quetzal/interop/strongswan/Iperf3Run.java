package dev.quetzal.interop.strongswan;

import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code iperf3 -c 198.18.1.1 -J} TCP run from the client namespace (or to another server from any
 * namespace), started in the background so that the test can rekey or cut the uplink during it. Its
 * JSON report goes to a file.
 */
public final class Iperf3Run implements AutoCloseable {
    /** iperf3's own connect and end-of-test exchange on top of the run's length. */
    private static final Duration SLACK = Duration.ofSeconds(15);

    private final Process process;
    private final Path report;
    private final Duration length;

    private Iperf3Run(Process process, Path report, Duration length) {
        this.process = process;
        this.report = report;
        this.length = length;
    }

    /** Client to server ({@code reverse} false) or server to client ({@code -R}) for {@code seconds}. */
    public static Iperf3Run start(SwanTopology topology, int seconds, boolean reverse, Path report) throws IOException {
        return start(topology.inClient(), SwanTopology.BEHIND_SERVER, seconds, reverse, report);
    }

    /** The same through {@code launcher} (e.g. {@code ip netns exec NS}) to the iperf3 server at {@code server}. */
    public static Iperf3Run start(List<String> launcher, String server, int seconds, boolean reverse, Path report)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("iperf3", "-c", server, "-t", Integer.toString(seconds), "-J", "--connect-timeout",
                "5000"));
        if (reverse) {
            command.add("-R");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(report.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new Iperf3Run(process, report, Duration.ofSeconds(seconds));
    }

    public long pid() {
        return process.pid();
    }

    /** Waits (bounded by the run's length plus slack) and parses the report; a failed run is an IOException. */
    public Iperf3Result await() throws IOException, InterruptedException {
        if (!process.waitFor(length.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("iperf3 did not finish within " + length.plus(SLACK));
        }
        // a report with iperf3's "error" is thrown by parse, with iperf3's own message
        Iperf3Result result = Iperf3Result.parse(Files.readString(report, StandardCharsets.UTF_8));
        if (process.exitValue() != 0) {
            throw new IOException("iperf3 exited with " + process.exitValue());
        }
        return result;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
