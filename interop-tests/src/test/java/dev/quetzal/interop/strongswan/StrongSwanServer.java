package dev.quetzal.interop.strongswan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * strongSwan's charon as the gateway (charon.sh server): kernel-libipsec, so its ESP runs in the same
 * process and its CPU time is the whole gateway's cost, like Quetzal's with the tun backend.
 */
public final class StrongSwanServer implements VpnServer {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final SwanTopology topology;
    private long pid = -1;

    public StrongSwanServer(SwanTopology topology) {
        this.topology = topology;
    }

    @Override
    public String name() {
        return "strongSwan 5.9.8 (kernel-libipsec)";
    }

    @Override
    public void start(InteropPki pki, Suite suite, int port) throws IOException {
        if (pid > 0) {
            throw new IllegalStateException("the strongSwan server is already running (PID " + pid + ")");
        }
        topology.scripts().run("charon.sh", LIMIT, "server", topology.workDir().toString(), pki.root().toString(),
                pki.key().option(), suite.scriptName(), Integer.toString(port));
        pid = Long.parseLong(Files.readString(pidFile()).strip());
    }

    @Override
    public void stop() throws IOException {
        if (pid > 0) {
            pid = -1;
            topology.scripts().run("charon.sh", LIMIT, "stop", topology.workDir().toString(), "server");
        }
    }

    @Override
    public long pid() {
        if (pid <= 0) {
            throw new IllegalStateException("the strongSwan server is not running");
        }
        return pid;
    }

    /** Its vici socket, for {@code swanctl --uri}. */
    public String viciUri() {
        return "unix://" + topology.workDir().resolve("server").resolve("charon.vici");
    }

    /** charon's log (IKE at level 2). */
    public Path log() {
        return topology.workDir().resolve("server").resolve("charon.log");
    }

    private Path pidFile() {
        return topology.workDir().resolve("pids").resolve("charon-server.pid");
    }
}
