package dev.quetzal.interop.strongswan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The namespaces of one run, made by {@code topology.sh up}: {@code qzsw-srv-RND} (server 198.18.0.1,
 * iperf3 -s on the host behind it, 198.18.1.1) and {@code qzsw-cli-RND} (client 198.18.0.2); with two
 * clients also {@code qzsw-cl2-RND} (198.18.4.2, routed to 198.18.0.1 through the server namespace).
 * {@link #close} runs {@code topology.sh down}: every PID the scripts recorded is stopped and both
 * namespaces are deleted, whatever state the run ended in.
 */
public final class SwanTopology implements AutoCloseable {
    public static final String SERVER_OUTER = "198.18.0.1";
    public static final String BEHIND_SERVER = "198.18.1.1";
    private static final Duration LIMIT = Duration.ofSeconds(40);

    private final Scripts scripts;
    private final Path workDir;
    private final String serverNamespace;
    private final List<String> clientNamespaces;

    private SwanTopology(Scripts scripts, Path workDir, String serverNamespace, List<String> clientNamespaces) {
        this.scripts = scripts;
        this.workDir = workDir;
        this.serverNamespace = serverNamespace;
        this.clientNamespaces = List.copyOf(clientNamespaces);
    }

    /** {@code topology.sh up WORKDIR}; a half-made topology is taken down again before the error is thrown. */
    public static SwanTopology up(Scripts scripts, Path workDir) throws IOException {
        return up(scripts, workDir, 1);
    }

    /** {@code topology.sh up WORKDIR CLIENTS} with one or two client namespaces. */
    public static SwanTopology up(Scripts scripts, Path workDir, int clients) throws IOException {
        if (clients != 1 && clients != 2) {
            throw new IllegalArgumentException("expected 1 or 2 clients, got " + clients);
        }
        try {
            scripts.run("topology.sh", LIMIT, "up", workDir.toString(), Integer.toString(clients));
            Properties names = new Properties();
            try (var reader = Files.newBufferedReader(workDir.resolve("topology.env"))) {
                names.load(reader);
            }
            List<String> clientNamespaces = new ArrayList<>(List.of(names.getProperty("CLI_NS")));
            if (clients == 2) {
                clientNamespaces.add(names.getProperty("CLI2_NS"));
            }
            return new SwanTopology(scripts, workDir, names.getProperty("SRV_NS"), clientNamespaces);
        } catch (IOException | RuntimeException e) {
            try {
                scripts.run("topology.sh", LIMIT, "down", workDir.toString());
            } catch (IOException down) {
                e.addSuppressed(down);
            }
            throw e;
        }
    }

    public Scripts scripts() {
        return scripts;
    }

    public Path workDir() {
        return workDir;
    }

    public String serverNamespace() {
        return serverNamespace;
    }

    public String clientNamespace() {
        return clientNamespaces.getFirst();
    }

    /** The client namespaces: the first one, then the second when there is one. */
    public List<String> clientNamespaces() {
        return clientNamespaces;
    }

    /** {@code ip netns exec CLIENT command...}, bounded. */
    public Scripts.Result runInClient(Duration limit, String... command) throws IOException {
        return Scripts.command(limit, Map.of(), inClient(command));
    }

    /** {@code ip netns exec SERVER command...}, bounded. */
    public Scripts.Result runInServer(Duration limit, String... command) throws IOException {
        return Scripts.command(limit, Map.of(), inServer(command));
    }

    /** The command line that runs {@code command} in the client namespace (for processes run in the background). */
    public List<String> inClient(String... command) {
        return inNamespace(clientNamespace(), command);
    }

    /** The command line that runs {@code command} in the server namespace (for processes run in the background). */
    public List<String> inServer(String... command) {
        return inNamespace(serverNamespace, command);
    }

    /** The command line that runs {@code command} in {@code namespace}. */
    public static List<String> inNamespace(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    @Override
    public void close() throws IOException {
        scripts.runToTheEnd("topology.sh", LIMIT, "down", workDir.toString());
    }

    @Override
    public String toString() {
        return "namespaces " + serverNamespace + " and " + String.join(", ", clientNamespaces);
    }
}
