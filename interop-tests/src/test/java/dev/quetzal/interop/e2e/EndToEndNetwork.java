package dev.quetzal.interop.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.interop.Cleanup;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.interop.strongswan.CertificateKey;
import dev.quetzal.interop.strongswan.InteropPki;
import dev.quetzal.interop.strongswan.QuetzalServer;
import dev.quetzal.interop.strongswan.Scripts;
import dev.quetzal.interop.strongswan.StrongSwanClient;
import dev.quetzal.interop.strongswan.Suite;
import dev.quetzal.interop.strongswan.SwanTopology;
import dev.quetzal.interop.tun.EmulatorProcess;
import dev.quetzal.tun.testing.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole chain of issue 7 item 4, each part a real program: two strongSwan clients (kernel-libipsec, each in its
 * own namespace, its resolv.conf written by charon's resolve plugin) → Quetzal ({@code quetzal run}: ikev2 +
 * split-dns + nat64 with DNS64 + fortivpn, NAPT on, IPv4 and IPv6 pools) in the server namespace → the FortiGate
 * emulator in TUN mode (its own JVM in the server namespace, on 127.0.0.1, commanded through {@code --control-stdin})
 * → the corporate namespace of corporate-netns.sh behind the emulator's TUN device (HTTP, dnsmasq, iperf3 on
 * {@link #CORPORATE}). The corporate network and the emulator's pool live in 198.19.0.0/16, so that no tunnel
 * selector covers a client's IKE peer (198.18.0.1). {@link #close} undoes everything in reverse order.
 */
final class EndToEndNetwork implements AutoCloseable {
    static final String CORPORATE = "198.19.0.1";
    static final String INTRANET = "198.19.0.10";
    static final String INTRANET_NAME = "intranet.corp.example";
    static final String TUNNEL_DOMAIN = "corp.example";
    static final String SPLIT_ROUTE = "198.19.0.0/24";
    static final String EMULATOR_POOL = "198.19.1.0/24";
    /** The nat64 filter's default Pref64 (RFC 8215). */
    static final String PREF64 = "64:ff9b:1::";
    /** What the corporate dnsmasq gives the intranet besides its A record; DNS64 treats it as absent. */
    static final String CORPORATE_V6 = "2001:db8:c0::/64";
    static final int IKE_PORT = 500;
    static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    static final CertificateKey KEY = CertificateKey.ECDSA_P256;
    private static final String USER = "alice";
    private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(40);
    private static final Duration EMULATOR_LIMIT = Duration.ofSeconds(180);
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final SwanTopology swan;
    private final String suffix = NetworkNamespace.randomName("", 3);
    private final String corporateNamespace = "qzcorp-" + suffix;
    private final String emulatorDevice = "qzf" + suffix;
    private final QuetzalServer quetzal;
    private final List<StrongSwanClient> clients = new ArrayList<>();
    private final List<Path> resolvConfs = new ArrayList<>();
    private EmulatorProcess emulator;
    private String emulatorUrl;
    private String emulatorPin;
    private boolean corporateUp;

    private EndToEndNetwork(Path work, SwanTopology swan) {
        this.work = work;
        this.swan = swan;
        this.quetzal = new QuetzalServer(swan);
    }

    /** Brings everything up, the gateway's uplink included; the clients are started but not connected. */
    static EndToEndNetwork start(Scripts scripts, Path work, InteropPki pki) throws IOException, InterruptedException {
        EndToEndNetwork network = new EndToEndNetwork(work, SwanTopology.up(scripts, work.resolve("run"), 2));
        try {
            network.startCorporate();
            network.startQuetzal(pki);
            for (int number = 1; number <= 2; number++) {
                network.startClient(number);
            }
            return network;
        } catch (IOException | RuntimeException | InterruptedException e) {
            try {
                network.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * The emulator in the server namespace, then its TUN device moved into the corporate namespace. That namespace is
     * made here, in the test's own namespace: made under {@code ip netns exec}, its /run/netns mount would stay in
     * that command's private mount namespace.
     */
    private void startCorporate() throws IOException, InterruptedException {
        Scripts.command(SCRIPT_LIMIT, "ip", "netns", "add", corporateNamespace);
        corporateUp = true;
        emulator = EmulatorProcess.start(swan.inServer(), writeEmulatorConfig(), work, EMULATOR_LIMIT, true);
        EmulatorProcess.Facts facts = emulator.awaitFacts(START_WAIT)
                .orElseThrow(() -> new IOException("the emulator printed no URL and pin\n" + emulator.output()));
        this.emulatorUrl = facts.url();
        this.emulatorPin = facts.pin();
        List<String> command = new ArrayList<>(swan.inServer("bash",
                InteropEnvironment.interopDir().resolve("corporate-netns.sh").toString(), "up", corporateNamespace,
                emulatorDevice));
        Scripts.Result up = Scripts.command(SCRIPT_LIMIT, corporateEnvironment(), command);
        if (!up.succeeded()) {
            throw new IOException("corporate-netns.sh up failed:\n" + up.output() + "\n" + emulator.output());
        }
    }

    /** corporate-netns.sh's addresses for this topology (its defaults would clash with SwanTopology's). */
    private static Map<String, String> corporateEnvironment() {
        return Map.of("CORP_V4", CORPORATE, "INTRANET_V4", INTRANET, "CLIENTS_V4", EMULATOR_POOL);
    }

    private Path writeEmulatorConfig() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("listen", "127.0.0.1:0");
        ObjectNode user = root.putArray("users").addObject();
        user.put("username", USER);
        user.put("password", password());
        ObjectNode tunnel = root.putObject("tunnel");
        tunnel.put("gateway", "198.19.255.254");
        tunnel.put("sinkAddress", "198.19.255.253");
        tunnel.put("addressPool", EMULATOR_POOL);
        tunnel.putArray("dnsServers").add(CORPORATE);
        tunnel.put("dnsSuffix", TUNNEL_DOMAIN);
        tunnel.putArray("splitInclude").add(SPLIT_ROUTE);
        tunnel.put("serverMru", 0);
        ObjectNode network = root.putObject("network");
        network.put("mode", "tun");
        network.put("tunDevice", emulatorDevice);
        Path config = work.resolve("emulator.json");
        Files.writeString(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return config;
    }

    /** A password for this run only, kept in the two config files (never in logs). */
    private String password() {
        return "pw-" + suffix;
    }

    private void startQuetzal(InteropPki pki) throws IOException {
        ObjectNode backend = JSON.createObjectNode();
        backend.put("type", "fortivpn");
        backend.put("server", emulatorUrl.replaceFirst("^https://", "").replaceFirst("/$", ""));
        backend.put("username", USER);
        backend.put("password", password());
        ObjectNode tls = backend.putObject("tls");
        tls.putArray("pins").add(emulatorPin);
        tls.put("systemTrust", false);
        ObjectNode splitDns = JSON.createObjectNode();
        splitDns.put("type", "split-dns");
        splitDns.putArray("tunnelDomains").add(TUNNEL_DOMAIN);
        splitDns.put("otherQueries", "refuse");
        ObjectNode nat64 = JSON.createObjectNode();
        nat64.put("type", "nat64");
        ObjectNode dns64 = nat64.putObject("dns64");
        dns64.putArray("exclude").add(CORPORATE_V6).add("::ffff:0:0/96");
        dns64.put("aQueries", "empty");
        quetzal.start(QuetzalServer.config(pki, SUITE, IKE_PORT, null, backend.toString(),
                splitDns + ", " + nat64, "{\"ipv4\": \"198.18.2.0/24\", \"ipv6\": \"2001:db8:2::/64\"}",
                "{\"enabled\": true}"));
        Logs.await(quetzal.log(), "tunnel up: address", 1, START_WAIT, this::diagnostics);
    }

    /**
     * Client {@code number} asks for an IPv4 and an IPv6 address (RFC 7296 §3.15.1) and lets the resolve plugin write
     * the DNS servers it gets to its namespace's resolv.conf, which {@code ip netns exec} puts in place of
     * /etc/resolv.conf for every command run there.
     */
    private void startClient(int number) throws IOException {
        String namespace = swan.clientNamespaces().get(number - 1);
        Path resolvConf = Path.of("/etc/netns", namespace, "resolv.conf");
        Files.createDirectories(resolvConf.getParent());
        Files.writeString(resolvConf, "");
        resolvConfs.add(resolvConf);
        clients.add(StrongSwanClient.start(swan, work.resolve("pki"), IKE_PORT, number,
                Map.of("VIPS", "0.0.0.0,::", "RESOLV_CONF", resolvConf.toString())));
    }

    String corporateNamespace() {
        return corporateNamespace;
    }

    SwanTopology swan() {
        return swan;
    }

    QuetzalServer quetzal() {
        return quetzal;
    }

    EmulatorProcess emulator() {
        return emulator;
    }

    StrongSwanClient client(int number) {
        return clients.get(number - 1);
    }

    Path resolvConf(int number) {
        return resolvConfs.get(number - 1);
    }

    /** The connection both clients use: every address family, narrowed by Quetzal to its routes (RFC 7296 §2.9). */
    static String connection() {
        return SUITE.fullTunnelConnection(KEY);
    }

    /** corporate-netns.sh's log of a corporate service: {@code dns} (every query dnsmasq got) or {@code http}. */
    Path corporateLog(String service) {
        return Path.of("/run/quetzal-interop", corporateNamespace, service + ".log");
    }

    /** Runs {@code command} in client {@code number}'s namespace, bounded. */
    Scripts.Result runInClient(int number, Duration limit, String... command) throws IOException {
        return Scripts.command(limit, Map.of(), SwanTopology.inNamespace(swan.clientNamespaces().get(number - 1),
                command));
    }

    List<String> inClient(int number) {
        return SwanTopology.inNamespace(swan.clientNamespaces().get(number - 1));
    }

    /** The logs that explain a failure: Quetzal's, the emulator's and both charons'. */
    String diagnostics() {
        StringBuilder text = new StringBuilder();
        try {
            text.append("--- Quetzal:\n").append(quetzal.tail());
        } catch (IOException e) {
            text.append("(Quetzal log: ").append(e.getMessage()).append(")");
        }
        if (emulator != null) {
            text.append("\n--- ").append(emulator.output());
        }
        for (StrongSwanClient client : clients) {
            text.append("\n--- ").append(client.log()).append(":\n").append(Logs.tail(client.log(), 30));
        }
        return text.toString();
    }

    /** Stops what still runs, in reverse order, every step even when an earlier one failed ({@link Cleanup}). */
    @Override
    public void close() throws IOException {
        List<Cleanup.Step> steps = new ArrayList<>();
        for (StrongSwanClient client : clients) {
            steps.add(client::stop);
        }
        steps.add(quetzal::stop);
        steps.add(() -> {
            if (emulator != null) {
                emulator.stop(STOP_WAIT);
                emulator.close();
            }
        });
        if (corporateUp) {
            steps.add(() -> {
                Scripts.Result down = Scripts.command(SCRIPT_LIMIT, corporateEnvironment(), List.of("bash",
                        InteropEnvironment.interopDir().resolve("corporate-netns.sh").toString(), "down",
                        corporateNamespace, emulatorDevice));
                if (!down.succeeded()) {
                    throw new IOException("corporate-netns.sh down failed:\n" + down.output());
                }
            });
        }
        steps.add(swan::close);
        Cleanup.runAll("the end-to-end network", steps);
    }
}
