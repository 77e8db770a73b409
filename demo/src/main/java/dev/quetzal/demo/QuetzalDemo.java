package dev.quetzal.demo;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.config.DnsZone;
import dev.quetzal.emulator.config.NetworkSettings;
import dev.quetzal.emulator.config.ZoneRecord;
import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.client.IkeClient;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.CredentialFiles;
import dev.quetzal.runtime.cli.DemoLauncher;
import dev.quetzal.runtime.cli.PluginCommandContext;
import dev.quetzal.runtime.config.ConfigLoader;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.PluginDiscovery;
import dev.quetzal.runtime.plugin.PluginRegistry;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.RunningComponent;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code quetzal demo}: the FortiGate emulator, the gateway built from a generated config with the installation's
 * plugins, and an in-process IKEv2 client, all in this process; then DNS64, ping and HTTP through the whole chain,
 * each step printed with its time, and what a real device needs. Runs until the stop signal (or at once with
 * {@code --once}); exit status 0 when every step worked and everything stopped cleanly.
 */
public final class QuetzalDemo implements DemoLauncher {
    static final String NAME = "intranet." + DemoConfig.TUNNEL_DOMAIN;
    static final String INTRANET_A = "198.18.0.10";
    static final String REAL_DEVICE = "Point a real device at the running gateway";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Override
    public int run(List<String> args, PluginCommandContext context, Path pluginsDirectory,
            CompletableFuture<String> stop) throws Exception {
        PrintWriter out = context.out();
        DemoOptions options;
        switch (DemoOptions.parse(args, context.workingDirectory())) {
            case DemoOptions.Parsed.Help help -> {
                out.print(DemoOptions.USAGE);
                out.flush();
                return 0;
            }
            case DemoOptions.Parsed.Invalid invalid -> {
                context.err().println("demo: " + invalid.message() + " (see quetzal demo --help)");
                context.err().flush();
                return 2;
            }
            case DemoOptions.Parsed.Run run -> options = run.options();
        }
        PluginRegistry plugins = new PluginDiscovery(ApiVersion.CURRENT)
                .discover(pluginsDirectory, DemoLauncher.class.getClassLoader());
        return new Session(options, context, pluginsDirectory, plugins, stop).run();
    }

    /** One run: what it started, stopped in reverse order at the end. */
    private static final class Session {
        private final DemoOptions options;
        private final PluginCommandContext context;
        private final Path pluginsDirectory;
        private final PluginRegistry plugins;
        private final CompletableFuture<String> stop;
        private final Steps steps;
        private FortiGateEmulator emulator;
        private Gateway gateway;
        private IkeClient client;

        Session(DemoOptions options, PluginCommandContext context, Path pluginsDirectory, PluginRegistry plugins,
                CompletableFuture<String> stop) {
            this.options = options;
            this.context = context;
            this.pluginsDirectory = pluginsDirectory;
            this.plugins = plugins;
            this.stop = stop;
            this.steps = new Steps(context.out());
        }

        int run() {
            boolean worked;
            try {
                worked = startAll() && throughTheTunnel();
                if (worked) {
                    realDevice();
                    String reason = options.once() ? "--once" : stop.get();
                    steps.done("stopping (" + reason + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                steps.failed("interrupted", e);
                worked = false;
            } catch (Exception e) {
                // Startup problems (a config error, the uplink not coming up, no Child SA) end the demo with a line.
                steps.failed("the demo could not go on", e);
                worked = false;
            }
            boolean clean = stopAll();
            steps.done(clean ? "stopped" : "stopped, but some component did not close cleanly");
            return worked && clean ? 0 : 1;
        }

        private boolean startAll() throws Exception {
            Files.createDirectories(options.dir());
            steps.say("Quetzal demo: files in " + options.dir());
            String username = "demo";
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            emulator = FortiGateEmulator.start(EmulatorConfig.builder()
                    .user(username, password)
                    .network(new NetworkSettings(null, null, null, new DnsZone(DemoConfig.TUNNEL_DOMAIN, List.of(
                            // An A record only: the AAAA the client gets is DNS64's (RFC 6147 §5.1.6).
                            new ZoneRecord("intranet", "A", INTRANET_A),
                            new ZoneRecord("www", "CNAME", NAME + ".")))))
                    .build());
            steps.done("FortiGate emulator on " + emulator.url() + " (certificate " + emulator.certificatePin()
                    + "), user " + username + " with a random password, corporate network 198.18.0.0/24 in-process");

            DemoPki pki = new DemoPki(options.dir().resolve("pki"));
            if (pki.complete() && pki.serverNames(options.listen())) {
                steps.done("certificates from the last run kept: " + pki.folder());
            } else if (pki.complete()) {
                pki.renewServer(options.listen(), pluginsDirectory, context.environment());
                steps.done("CA and client certificate kept, new gateway certificate naming " + options.listen()
                        + " in " + pki.folder());
            } else {
                pki.create(options.listen(), pluginsDirectory, context.environment());
                steps.done("certificates made with quetzal certs: CA, gateway " + DemoPki.SERVER_NAME + ", client "
                        + DemoPki.CLIENT_NAME + " in " + pki.folder());
            }

            InetSocketAddress fortiGate = emulator.address();
            Path file = DemoConfig.write(options.dir(), DemoConfig.json(options.listen(), pki,
                    fortiGate.getHostString() + ":" + fortiGate.getPort(), username, emulator.certificatePin()));
            Map<String, String> environment = new HashMap<>(context.environment());
            environment.put(DemoConfig.PASSWORD_VARIABLE, password);
            LoadedConfig config = new ConfigLoader(plugins, environment).load(file);
            gateway = GatewayModule.createGateway(config);
            CompletableFuture<BackendState.Connected> connected = new CompletableFuture<>();
            gateway.services().uplink().subscribe(state -> {
                if (state instanceof BackendState.Connected c) {
                    connected.complete(c);
                }
            });
            gateway.start();
            BackendState.Connected uplink = connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            steps.done("gateway started from " + file + ": ikev2 on " + hostPort(ikev2Endpoint()) + ", nat64 (DNS64,"
                    + " prefix " + DemoConfig.NAT64_PREFIX + "), split-dns (" + DemoConfig.TUNNEL_DOMAIN
                    + "), fortivpn connected with address " + uplink.uplink().addresses().getFirst() + ", NAPT on");

            client = new IkeClient(new IkeSaConfig(
                    List.of(CredentialFiles.credential(pki.clientCertificate(), pki.clientKey())),
                    Identification.rfc822(DemoPki.CLIENT_NAME), CredentialFiles.certificates("ca", pki.ca()),
                    ProposalPolicy.DEFAULT, Clock.systemUTC(), true));
            return true;
        }

        private boolean throughTheTunnel() throws Exception {
            IkeSa sa = client.connect(clientTarget());
            ChildSaSpec child = client.awaitChild(WAIT);
            Ipv4Address inner4 = child.innerAddresses().stream().filter(Ipv4Address.class::isInstance)
                    .map(Ipv4Address.class::cast).findFirst().orElseThrow();
            Ipv6Address inner6 = child.innerAddresses().stream().filter(Ipv6Address.class::isInstance)
                    .map(Ipv6Address.class::cast).findFirst().orElse(null);
            List<IpAddress> dns = sa.dnsServers();
            steps.done("IKE_AUTH done as " + DemoPki.CLIENT_NAME + ": inner addresses " + join(child.innerAddresses())
                    + ", DNS " + join(dns) + ", selectors " + selectors(child.remoteSelectors()));
            if (inner6 == null || dns.isEmpty()) {
                steps.failed("IKE_AUTH", new IllegalStateException("no IPv6 address or no DNS server offered"));
                return false;
            }
            TunnelSteps tunnel = new TunnelSteps(client, inner4, inner6, WAIT);
            IpAddress server = dns.getFirst();
            IpAddress synthesized;
            try {
                synthesized = tunnel.resolve(server, NAME);
                steps.done("DNS " + NAME + " AAAA via " + server + ": " + synthesized + " (DNS64 from its A record "
                        + INTRANET_A + ", under " + DemoConfig.NAT64_PREFIX + ") in " + tunnel.lastMillis() + " ms");
            } catch (Exception e) {
                steps.failed("DNS " + NAME + " AAAA", e);
                return false;
            }
            try {
                tunnel.ping((Ipv6Address) synthesized);
                steps.done("ping " + synthesized + ": echo reply in " + tunnel.lastMillis() + " ms (ICMPv6, NAT64 to"
                        + " ICMP " + INTRANET_A + ", NAPT, FortiVPN)");
            } catch (Exception e) {
                steps.failed("ping " + synthesized, e);
                return false;
            }
            try {
                TunnelSteps.Page page = tunnel.fetch(synthesized, NAME);
                steps.done("GET http://" + NAME + "/: " + page.statusLine() + ", " + page.bodyLength() + " bytes, title \""
                        + page.title() + "\" in " + tunnel.lastMillis() + " ms (TCP over NAT64, NAPT, FortiVPN)");
            } catch (Exception e) {
                steps.failed("GET http://" + NAME + "/", e);
                return false;
            }
            return true;
        }

        private void realDevice() {
            DemoPki pki = new DemoPki(options.dir().resolve("pki"));
            InetSocketAddress endpoint = ikev2Endpoint();
            String password = pki.readBundlePassword().map(p -> " (password in " + pki.bundlePassword() + ")").orElse("");
            steps.say("");
            steps.say(REAL_DEVICE + " (IKEv2, certificate authentication):");
            String address = endpoint.getAddress().isAnyLocalAddress() ? "any address of this machine"
                    : endpoint.getAddress().getHostAddress();
            steps.say("  server address   " + address + ", UDP port " + endpoint.getPort()
                    + " (IKE and NAT-T on this one port)");
            steps.say("  remote ID        " + DemoPki.SERVER_NAME + " (the gateway certificate's name; it also names"
                    + " 127.0.0.1" + (address.startsWith("any") || options.listen().equals("127.0.0.1") ? ""
                            : " and " + options.listen()) + ")");
            steps.say("  CA certificate   " + pki.ca() + " (install it and trust it on the device)");
            steps.say("  local ID         " + DemoPki.CLIENT_NAME + "; certificate and key " + pki.clientBundle()
                    + password + ", or " + pki.clientCertificate() + " and " + pki.clientKey());
            steps.say("  gateway config   " + options.dir().resolve(DemoConfig.FILE) + " (for reading: the emulator's port"
                    + " and password are new each run)");
            steps.say("The built-in clients of macOS, iOS and Windows use UDP ports 500 and 4500 only: forward those to"
                    + " port " + endpoint.getPort() + ", or use strongSwan, which takes any port.");
            if (options.listen().equals("127.0.0.1")) {
                steps.say("The gateway listens on 127.0.0.1 only: run `quetzal demo --listen <this machine's LAN address>`"
                        + " for a device on the network.");
            }
            steps.say("Through the tunnel: " + NAME + " (ping, http://" + NAME + "/); other names stay outside.");
            if (!options.once()) {
                steps.say("Running; Ctrl-C or SIGTERM stops everything.");
            }
        }

        /** The ikev2 frontend's socket, as its status reports it ({@code /127.0.0.1:4500}, {@code /[::]:4500}). */
        private InetSocketAddress ikev2Endpoint() {
            for (RunningComponent running : gateway.components()) {
                if (running.spec().type().equals("ikev2") && running.component().status().get("sockets")
                        instanceof List<?> sockets && !sockets.isEmpty()) {
                    String text = String.valueOf(sockets.getFirst());
                    int colon = text.lastIndexOf(':');
                    String host = text.substring(text.indexOf('/') + 1, colon).replace("[", "").replace("]", "");
                    return new InetSocketAddress(IpAddress.parse(host).toInetAddress(),
                            Integer.parseInt(text.substring(colon + 1)));
                }
            }
            throw new IllegalStateException("the ikev2 frontend reports no socket");
        }

        /** Where the in-process client connects: the frontend's address, or loopback when it listens on all. */
        private InetSocketAddress clientTarget() {
            InetSocketAddress endpoint = ikev2Endpoint();
            return endpoint.getAddress().isAnyLocalAddress()
                    ? new InetSocketAddress(IpAddress.parse("127.0.0.1").toInetAddress(), endpoint.getPort())
                    : endpoint;
        }

        /** Client, gateway, emulator; true when the gateway stopped within its timeout. */
        private boolean stopAll() {
            boolean clean = true;
            if (client != null) {
                try {
                    client.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    clean = false;
                }
            }
            if (gateway != null) {
                clean &= gateway.stop();
            }
            if (emulator != null) {
                emulator.close();
            }
            return clean;
        }
    }

    private static String hostPort(InetSocketAddress address) {
        String host = IpAddress.of(address.getAddress().getAddress()).toString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String join(List<IpAddress> addresses) {
        return addresses.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Address ranges as {@code a} or {@code a-b}; ports and protocols are "any" in what the gateway offers. */
    static String selectors(List<TrafficSelector> selectors) {
        return selectors.stream().map(s -> s instanceof TrafficSelector.AddressRange r
                ? (r.start().equals(r.end()) ? r.start().toString() : r.start() + "-" + r.end())
                : s.toString()).collect(Collectors.joining(", "));
    }
}
