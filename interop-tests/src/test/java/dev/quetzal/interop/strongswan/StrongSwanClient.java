package dev.quetzal.interop.strongswan;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * strongSwan's charon as the real IKEv2 client in the client namespace (charon.sh client), driven
 * through swanctl: one connection per suite and key type of the PKI (see {@link Suite#connection}).
 * With two client namespaces the second client is {@code charon.sh client} with {@code CLIENT=2}.
 */
public final class StrongSwanClient implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final SwanTopology topology;
    private final String role;
    private boolean running;

    private StrongSwanClient(SwanTopology topology, String role) {
        this.topology = topology;
        this.role = role;
    }

    /** Starts the client for every key type under {@code pkiRoot}, all connections to 198.18.0.1:{@code remotePort}. */
    public static StrongSwanClient start(SwanTopology topology, Path pkiRoot, int remotePort) throws IOException {
        return start(topology, pkiRoot, remotePort, 1, Map.of());
    }

    /**
     * Starts client {@code number} (1 or 2, in that client namespace) with charon.sh's optional {@code environment}
     * ({@code VIPS}, {@code RESOLV_CONF}, {@code DPD_DELAY}).
     */
    public static StrongSwanClient start(SwanTopology topology, Path pkiRoot, int remotePort, int number,
            Map<String, String> environment) throws IOException {
        if (number < 1 || number > topology.clientNamespaces().size()) {
            throw new IllegalArgumentException("no client namespace " + number + " in " + topology);
        }
        StrongSwanClient client = new StrongSwanClient(topology, number == 1 ? "client" : "client" + number);
        Map<String, String> env = new HashMap<>(environment);
        env.put("CLIENT", Integer.toString(number));
        topology.scripts().run("charon.sh", LIMIT, env, List.of("client", topology.workDir().toString(),
                pkiRoot.toString(), Integer.toString(remotePort)));
        client.running = true;
        return client;
    }

    /** {@code swanctl --initiate --child NAME}: returns when the CHILD SA is up, else an IOException with swanctl's log. */
    public String initiate(String connection) throws IOException {
        return swanctl("--initiate", "--child", connection, "--timeout", "10");
    }

    /** {@code swanctl --rekey --child NAME}: starts a CREATE_CHILD_SA rekey (RFC 7296 §1.3.3); it completes asynchronously. */
    public void rekeyChild(String connection) throws IOException {
        swanctl("--rekey", "--child", connection);
    }

    /** {@code swanctl --rekey --ike NAME}: starts an IKE SA rekey (RFC 7296 §1.3.2); it completes asynchronously. */
    public void rekeyIke(String connection) throws IOException {
        swanctl("--rekey", "--ike", connection);
    }

    /** {@code swanctl --terminate --ike NAME}: INFORMATIONAL with DELETE, waits for the reply. */
    public void terminate(String connection) throws IOException {
        swanctl("--terminate", "--ike", connection, "--timeout", "10");
    }

    public SwanctlSas listSas() throws IOException {
        return SwanctlSas.parse(swanctl("--list-sas"));
    }

    /** Its vici socket. */
    public String viciUri() {
        return "unix://" + topology.workDir().resolve(role).resolve("charon.vici");
    }

    public Path log() {
        return topology.workDir().resolve(role).resolve("charon.log");
    }

    private String swanctl(String... args) throws IOException {
        return swanctlAt(viciUri(), args);
    }

    /** swanctl against any charon's vici socket; an IOException with the output unless it succeeds. */
    static String swanctlAt(String viciUri, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("swanctl"));
        command.addAll(List.of(args));
        command.addAll(List.of("--uri", viciUri));
        Scripts.Result result = Scripts.command(LIMIT, Map.of(), command);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    /** Stops the client's charon (it sends DELETEs first); a no-op once stopped. */
    public void stop() throws IOException {
        if (running) {
            running = false;
            topology.scripts().run("charon.sh", LIMIT, "stop", topology.workDir().toString(), role);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
