package dev.quetzal.emulator.tun;

import dev.quetzal.tun.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs {@code interop/corporate-netns.sh}, found from the project root (the folder holding mvnw). */
final class CorporateNetnsScript {
    /** Where the script keeps its PID files. */
    static final Path STATE_ROOT = Path.of("/run/quetzal-interop");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final String netns;
    private final String device;

    CorporateNetnsScript(String netns, String device) {
        this.script = projectRoot().resolve("interop/corporate-netns.sh");
        this.netns = netns;
        this.device = device;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding mvnw above " + System.getProperty("user.dir"));
    }

    Commands.Result up() throws IOException {
        return run("up");
    }

    Commands.Result down() throws IOException {
        return run("down");
    }

    Commands.Result run(String action) throws IOException {
        return Commands.runAllowingFailure(TIMEOUT, List.of("bash", script.toString(), action, netns, device));
    }

    /** The PID the script recorded for a service (http, dns, iperf3). */
    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(STATE_ROOT.resolve(netns).resolve(service + ".pid")).trim());
    }

    Path stateFolder() {
        return STATE_ROOT.resolve(netns);
    }
}
