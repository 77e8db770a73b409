package dev.quetzal.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built installation as a user runs it: {@code bin/quetzal run} with plugins taken from
 * {@code plugins/} (lib/ holds none), a packet each way through the raw-udp frontend, the pcap
 * filter and the raw-udp backend, the status endpoint, then SIGTERM and exit status 0 within 5 s.
 * Packets are IPv4/UDP per RFC 768 / RFC 791 §3.1.
 */
final class DistIT {
    private static final Path DIST = Path.of(System.getProperty("quetzal.dist.dir", "target/quetzal-dist"));
    // 100.64.0.2:40000 -> 198.18.0.10:7 and back, 8 payload bytes; the router checks the IPv4 header only.
    private static final byte[] OUTBOUND = HexFormat.of().parseHex(
            "45000024000100004011" + "0000" + "64400002c612000a" + "9c40000700100000" + "7175657a74616c21");
    private static final byte[] INBOUND = HexFormat.of().parseHex(
            "45000024000200004011" + "0000" + "c612000a64400002" + "00079c4000100000" + "7265706c79212121");

    @TempDir
    Path work;

    private Process gateway;

    @AfterEach
    void killLeftover() {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly();
        }
    }

    @Test
    void runsFromTheInstallationAndStopsOnSigterm() throws Exception {
        assertTrue(Files.isExecutable(DIST.resolve("bin/quetzal")), "no dist at " + DIST);
        assertTrue(Files.list(DIST.resolve("lib")).noneMatch(p -> p.getFileName().toString().startsWith("plugin-")),
                "plugins must not be on the class path");
        try (DatagramSocket client = udp(); DatagramSocket network = udp()) {
            int frontendPort = freeUdpPort();
            int backendPort = freeUdpPort();
            Path config = work.resolve("gateway.json");
            Files.writeString(config, """
                    {
                      "frontends": [{"type": "raw-udp", "listen": "127.0.0.1:%d"}],
                      "backend": {"type": "raw-udp", "peer": "127.0.0.1:%d", "bind": "127.0.0.1:%d"},
                      "filters": [{"type": "pcap", "file": "capture.pcap"}],
                      "status": {"listen": "127.0.0.1:0"},
                      "shutdownTimeout": "4s"
                    }
                    """.formatted(frontendPort, network.getLocalPort(), backendPort));
            Path log = work.resolve("gateway.log");
            ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "run", "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Only the default JDK (17) on PATH and no JAVA_HOME: the launcher must find JDK 25 itself.
            builder.environment().remove("JAVA_HOME");
            builder.environment().put("PATH", "/usr/bin:/bin");
            gateway = builder.start();
            String started = waitForLog(log, Pattern.compile("status page at http://([0-9.:]+)/ "), Duration.ofSeconds(60));
            waitForLog(log, Pattern.compile("gateway started"), Duration.ofSeconds(10));

            client.send(new DatagramPacket(OUTBOUND, OUTBOUND.length, new InetSocketAddress("127.0.0.1", frontendPort)));
            DatagramPacket atNetwork = receive(network);
            assertArrayEquals(OUTBOUND, java.util.Arrays.copyOf(atNetwork.getData(), atNetwork.getLength()));
            assertEquals(backendPort, atNetwork.getPort());

            network.send(new DatagramPacket(INBOUND, INBOUND.length, new InetSocketAddress("127.0.0.1", backendPort)));
            DatagramPacket atClient = receive(client);
            assertArrayEquals(INBOUND, java.util.Arrays.copyOf(atClient.getData(), atClient.getLength()));

            HttpClient http = HttpClient.newHttpClient();
            String status = http.send(HttpRequest.newBuilder(URI.create("http://" + started + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(status.contains("\"100.64.0.2\""), status);
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + started + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(Pattern.compile("(?m)^quetzal_router_packets_total\\{[^}]*direction=\"outbound\"[^}]*} 1$")
                    .matcher(metrics).find(), metrics);

            long begin = System.nanoTime();
            gateway.destroy(); // SIGTERM
            boolean exited = gateway.waitFor(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            assertTrue(exited, "still running 5 s after SIGTERM:\n" + Files.readString(log));
            assertEquals(0, gateway.exitValue(), Files.readString(log));
            System.out.println("gateway exited 0, " + millis + " ms after SIGTERM");

            // pcap: 24-byte file header, then a 16-byte record header per packet (draft-ietf-opsawg-pcap §4, §5).
            Path capture = work.resolve("capture.pcap");
            assertEquals(24 + 2 * (16 + OUTBOUND.length), Files.size(capture));
            String logText = Files.readString(log);
            assertTrue(logText.contains("from plugins/raw-udp/plugin-raw-udp-"), logText);
            assertStoppedInReverseOrder(logText);
        }
    }

    @Test
    void ctrlCStopsInOrderWithStatus0() throws Exception {
        Path config = work.resolve("gateway.json");
        Files.writeString(config, """
                {
                  "frontends": [{"type": "raw-udp", "listen": "127.0.0.1:0"}],
                  "backend": {"type": "raw-udp", "peer": "127.0.0.1:9"},
                  "filters": [{"type": "pcap", "file": "capture.pcap"}],
                  "status": {"enabled": false}
                }
                """);
        Path log = work.resolve("gateway.log");
        // A job started by a non-interactive shell inherits SIGINT as ignored; give it the default
        // disposition, as a terminal would, so the JVM can take it over.
        gateway = new ProcessBuilder("env", "--default-signal=INT", DIST.resolve("bin/quetzal").toString(), "run",
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        waitForLog(log, Pattern.compile("gateway started"), Duration.ofSeconds(60));
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(gateway.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(gateway.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGINT:\n" + Files.readString(log));
        assertEquals(0, gateway.exitValue(), Files.readString(log));
        String logText = Files.readString(log);
        assertTrue(logText.contains("SIGINT: stopping"), logText);
        assertStoppedInReverseOrder(logText);
    }

    /** Frontend, then filter, then backend: the reverse of the start order. */
    private static void assertStoppedInReverseOrder(String logText) {
        int frontend = logText.indexOf("stopped frontend");
        int filter = logText.indexOf("stopped filter pcap");
        int backend = logText.indexOf("stopped backend");
        assertTrue(frontend >= 0 && frontend < filter && filter < backend, logText);
    }

    @Test
    void badConfigIsOneLineAndExitStatus2() throws Exception {
        Path config = work.resolve("bad.json");
        Files.writeString(config, """
                {"frontends": [{"type": "raw-udp", "listen": "127.0.0.1:5555"}],
                 "backend": {"type": "raw-udp", "peer": "vpn"}}
                """);
        Process check = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "check-config", config.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes()).strip();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, check.exitValue(), output);
        assertEquals(config + ": $.backend.peer: expected host:port, got \"vpn\"", output);
    }

    @Test
    void fortigateEmulatorCommandServesAndStopsOnSigterm() throws Exception {
        Path log = work.resolve("emulator.log");
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/fortigate-emulator").toString(),
                "--config", DIST.resolve("conf/emulator.json").toString(), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("EMULATOR_BOB_PASSWORD", "example");
        gateway = builder.start();
        String url = waitForLog(log, Pattern.compile("(?m)^url: (https://127\\.0\\.0\\.1:[0-9]+/)$"), Duration.ofSeconds(60));
        String pin = waitForLog(log, Pattern.compile("(?m)^pin: (pin-sha256:\\S+)$"), Duration.ofSeconds(5));
        assertTrue(waitForLog(log, Pattern.compile("(?m)^users: .*$"), Duration.ofSeconds(5)).contains("alice"));
        // The pin printed is the one the server presents (fortivpn-protocol.md §12).
        URI uri = URI.create(url);
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            socket.startHandshake();
            byte[] spki = socket.getSession().getPeerCertificates()[0].getPublicKey().getEncoded();
            String served = "pin-sha256:" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(spki));
            assertEquals(pin, served);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 302", status);
        }
        gateway.destroy(); // SIGTERM
        assertTrue(gateway.waitFor(10, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(0, gateway.exitValue(), Files.readString(log));
    }

    @Test
    void fortivpnBackendLoadsFromPluginsAndCarriesAnEchoThroughTheEmulator() throws Exception {
        String password = "Tr0ub4dor-dist";
        try (FortiGateEmulator emulator = FortiGateEmulator.start(EmulatorConfig.builder().user("alice", password).build());
                DatagramSocket client = udp()) {
            int frontendPort = freeUdpPort();
            Path config = work.resolve("gateway.json");
            Files.writeString(config, """
                    {
                      "frontends": [{"type": "raw-udp", "listen": "127.0.0.1:%d"}],
                      "backend": {"type": "fortivpn", "server": "127.0.0.1:%d", "username": "alice",
                                  "password": {"env": "FORTI_PASSWORD"},
                                  "tls": {"pins": ["%s"], "systemTrust": false}},
                      "status": {"listen": "127.0.0.1:0"}
                    }
                    """.formatted(frontendPort, emulator.address().getPort(), emulator.certificatePin()));
            Path log = work.resolve("gateway.log");
            ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "run", "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("FORTI_PASSWORD", password);
            gateway = builder.start();
            waitForLog(log, Pattern.compile("gateway started"), Duration.ofSeconds(60));
            waitForLog(log, Pattern.compile("tunnel up"), Duration.ofSeconds(20));
            // The raw-udp client takes the FortiVPN address as its inner address, so the answer routes back.
            String address = emulator.sessions().getFirst().assignedAddress().toString();
            byte[] echo = udpEcho(address, "198.18.0.10", "quetzal!");
            client.send(new DatagramPacket(echo, echo.length, new InetSocketAddress("127.0.0.1", frontendPort)));
            DatagramPacket answer = receive(client);
            byte[] reply = java.util.Arrays.copyOf(answer.getData(), answer.getLength());
            assertEquals("quetzal!", new String(reply, 28, reply.length - 28, StandardCharsets.US_ASCII));
            assertEquals(1, emulator.stats().packetsFromClients());
            gateway.destroy(); // SIGTERM: LCP Terminate, then /remote/logout
            assertTrue(gateway.waitFor(10, TimeUnit.SECONDS), Files.readString(log));
            assertEquals(0, gateway.exitValue(), Files.readString(log));
            assertEquals(1, emulator.stats().logouts(), Files.readString(log));
            String logText = Files.readString(log);
            assertTrue(logText.contains("from plugins/fortivpn/plugin-fortivpn-"), logText);
            assertTrue(!logText.contains(password), "the password must not be logged:\n" + logText);
        }
    }

    /** An IPv4/UDP datagram to the echo port (7), header checksum set, UDP checksum 0 (RFC 768: none). */
    private static byte[] udpEcho(String source, String destination, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[28 + payload.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(InetAddress.getByName(source).getAddress(), 0, p, 12, 4);
        System.arraycopy(InetAddress.getByName(destination).getAddress(), 0, p, 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        sum = (sum >>> 16) + (sum & 0xFFFF);
        sum = ~(sum + (sum >>> 16)) & 0xFFFF;
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        p[20] = (byte) 0x9c;
        p[21] = 0x40;
        p[23] = 7;
        p[24] = (byte) ((8 + payload.length) >>> 8);
        p[25] = (byte) (8 + payload.length);
        System.arraycopy(payload, 0, p, 28, payload.length);
        return p;
    }

    @Test
    void certsCommandFromThePackagedIkev2PluginMakesAUsableChain() throws Exception {
        Path ca = work.resolve("ca");
        Path server = work.resolve("server");
        Path client = work.resolve("client");
        assertEquals(0, quetzal(Map.of(), "certs", "ca", "--out", ca.toString()));
        assertEquals(0, quetzal(Map.of(), "certs", "server", "--ca", ca.toString(), "--out", server.toString(),
                "--name", "vpn.example.com"));
        assertEquals(0, quetzal(Map.of("P12PW", "pw-for-test"), "certs", "client", "--ca", ca.toString(),
                "--out", client.toString(), "--name", "alice@example.com", "--p12-password-env", "P12PW"));
        // The PKCS#12 opens with the password and holds the key and its certificate (Bouncy Castle ran
        // inside plugins/ikev2/, in the plugin's own class loader).
        java.security.KeyStore p12 = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(client.resolve("alice@example.com.p12"))) {
            p12.load(in, "pw-for-test".toCharArray());
        }
        String alias = p12.aliases().nextElement();
        assertTrue(p12.isKeyEntry(alias));
        assertTrue(Files.readString(server.resolve("vpn.example.com.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        // Existing files are never overwritten: a second CA into the same folder fails with status 1.
        assertEquals(1, quetzal(Map.of(), "certs", "ca", "--out", ca.toString()));
    }

    /**
     * Issue 7 item 3 (pterodapter-inventory §6): the installed {@code quetzal pterodapter} turns pterodapter's
     * command line, --pcap included (the packaged pcap example plugin), into a config that check-config accepts.
     */
    @Test
    void pterodapterCommandLineBecomesAConfigTheInstallationAccepts() throws Exception {
        Path pki = pterodapterPki("ptero-pki");
        Path config = work.resolve("ptero.json");
        assertEquals(0, quetzal(Map.of(), "pterodapter", "--fortivpn=vpn.example.com:443",
                "--cacert=" + pki.resolve("ca.pem"), "--cert=" + pki.resolve("vpn.example.com.pem"),
                "--key=" + pki.resolve("vpn.example.com-key.pem"), "--tunnel-domain=corp.example",
                "--nat64-prefix=64:ff9b::/96", "--dns64-tunnel-suffix=corp.example",
                "--pcap=" + work.resolve("ptero.pcap"), "--write-config=" + config, "--print-config", "ikev2"));
        assertTrue(Files.readString(config).contains("\"type\" : \"pcap\""));
        assertEquals(0, quetzal(Map.of(), "check-config", config.toString()));
        assertEquals(2, quetzal(Map.of(), "pterodapter", "--fortivpn=vpn.example.com:443", "l2gateway"));
    }

    /**
     * Issue 7 item 3, pterodapter-inventory §4 and §6: without --print-config the command runs the gateway as
     * {@code run} does: the ikev2 frontend listens, the fortivpn backend waits for the SAML sign-in on
     * 127.0.0.1:8020 as pterodapter does, and SIGTERM stops it with status 0.
     */
    @Test
    void pterodapterCommandLineRunsTheGatewayUntilSigterm() throws Exception {
        Path pki = pterodapterPki("ptero-run-pki");
        int fortigatePort = freeUdpPort();
        Path log = work.resolve("ptero-run.log");
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "pterodapter",
                "--fortivpn", "127.0.0.1:" + fortigatePort, "--listen-ip=127.0.0.1",
                "--ike-port=" + freeUdpPort(), "--nat-port=" + freeUdpPort(), "--cacert=" + pki.resolve("ca.pem"),
                "--cert=" + pki.resolve("vpn.example.com.pem"), "--key=" + pki.resolve("vpn.example.com-key.pem"),
                "--id-hostname=vpn.example.com", "ikev2")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        gateway = builder.start();
        waitForLog(log, Pattern.compile("gateway started"), Duration.ofSeconds(60));
        waitForLog(log, Pattern.compile("SAML sign-in needed: open https://127\\.0\\.0\\.1:" + fortigatePort
                + "/remote/saml/start"), Duration.ofSeconds(20));
        String logText = Files.readString(log);
        assertTrue(logText.contains("\"type\" : \"fortivpn\""), logText);
        assertTrue(logText.contains("note: sign in as with pterodapter"), logText);
        gateway.destroy(); // SIGTERM
        assertTrue(gateway.waitFor(10, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(0, gateway.exitValue(), Files.readString(log));
    }

    /** A CA and a server certificate for vpn.example.com, made by the packaged {@code quetzal certs}. */
    private Path pterodapterPki(String folder) throws Exception {
        Path pki = work.resolve(folder);
        assertEquals(0, quetzal(Map.of(), "certs", "ca", "--out", pki.toString()));
        assertEquals(0, quetzal(Map.of(), "certs", "server", "--ca", pki.toString(), "--out", pki.toString(),
                "--name", "vpn.example.com"));
        return pki;
    }

    /** RFC 7915 §4 from the packaged nat64 plugin: a raw-IP pcap in, the IPv6 translation out; bad arguments exit 2. */
    @Test
    void nat64TranslateCommandFromThePackagedPlugin() throws Exception {
        byte[] udp = new byte[28];
        udp[0] = 0x45;
        udp[3] = 28;
        udp[6] = 0x40; // DF
        udp[8] = 64;
        udp[9] = 17;
        byte[] addresses = {(byte) 198, 18, 0, 1, 100, 64, 0, 2};
        System.arraycopy(addresses, 0, udp, 12, 8);
        udp[21] = 53;
        udp[23] = 7;
        udp[25] = 8;
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (udp[i] & 0xFF) << 8 | (udp[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        udp[10] = (byte) (~sum >>> 8);
        udp[11] = (byte) ~sum;
        java.nio.ByteBuffer pcap = java.nio.ByteBuffer.allocate(24 + 16 + udp.length);
        pcap.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101)
                .putInt(1).putInt(0).putInt(udp.length).putInt(udp.length).put(udp);
        Path in = work.resolve("in.pcap");
        Path out = work.resolve("out.pcap");
        Files.write(in, pcap.array());
        assertEquals(0, quetzal(Map.of(), "nat64", "translate", "--prefix", "64:ff9b:1::/96", in.toString(), out.toString()));
        byte[] written = Files.readAllBytes(out);
        assertEquals(24 + 16 + 48, written.length, "one IPv6 packet, 20 bytes longer");
        assertEquals(0x60, written[40] & 0xF0);
        assertEquals(2, quetzal(Map.of(), "nat64", "translate", "--prefix", "64:ff9b::/80", in.toString(), out.toString()));
    }

    /**
     * Issue 7 item 2: the installed {@code quetzal demo --once} runs every step through the chain (emulator, gateway
     * with the plugins from plugins/, the IKEv2 client from lib/demo/) and exits 0; its files land in --dir.
     */
    @Test
    void demoOnceRunsEveryStepAndExits0() throws Exception {
        Path dir = work.resolve("demo");
        Path log = work.resolve("demo-once.log");
        gateway = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "demo", "--once", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(gateway.waitFor(120, TimeUnit.SECONDS), Files.readString(log));
        String output = Files.readString(log);
        assertEquals(0, gateway.exitValue(), output);
        for (String step : List.of("] FortiGate emulator on https://127.0.0.1:", "] certificates made with quetzal certs",
                "] gateway started from " + dir.resolve("gateway.json"), "] IKE_AUTH done as demo@quetzal.test",
                "] DNS intranet.corp.example AAAA via 198.18.0.53: 64:ff9b:1::c612:a",
                "] ping 64:ff9b:1::c612:a: echo reply in ", "] GET http://intranet.corp.example/: HTTP/1.1 200 OK",
                "Point a real device at the running gateway", "] stopped")) {
            assertTrue(output.contains(step), "no \"" + step + "\" in:\n" + output);
        }
        assertTrue(Files.isRegularFile(dir.resolve("pki/ca/ca.pem")));
        System.out.println(output);
    }

    /** Issue 7 item 2: {@code quetzal demo} keeps running for a real device; SIGTERM stops it with status 0. */
    @Test
    void demoRunsUntilSigterm() throws Exception {
        Path log = work.resolve("demo.log");
        gateway = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "demo", "--dir", work.resolve("d").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        waitForLog(log, Pattern.compile("Point a real device at the running gateway"), Duration.ofSeconds(90));
        waitForLog(log, Pattern.compile("Ctrl-C or SIGTERM stops everything"), Duration.ofSeconds(5));
        gateway.destroy(); // SIGTERM
        assertTrue(gateway.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM:\n" + Files.readString(log));
        assertEquals(0, gateway.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("stopping (SIGTERM)"), Files.readString(log));
    }

    /** quetzal --help lists the demo; its --help comes from the demo's jars. */
    @Test
    void demoIsListedAndExplainsItself() throws Exception {
        Path help = work.resolve("help.log");
        Process process = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "--help").redirectErrorStream(true)
                .redirectOutput(help.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Pattern.compile("(?m)^\\s+demo\\s+Start the FortiGate emulator").matcher(Files.readString(help)).find(),
                Files.readString(help));
        Path demoHelp = work.resolve("demo-help.log");
        process = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "demo", "--help").redirectErrorStream(true)
                .redirectOutput(demoHelp.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertTrue(Files.readString(demoHelp).startsWith("Usage: quetzal demo [--dir DIR] [--listen ADDRESS] [--once]"),
                Files.readString(demoHelp));
    }

    private int quetzal(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(DIST.resolve("bin/quetzal").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("quetzal-" + System.nanoTime() + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", args));
        return process.exitValue();
    }

    /** The emulator's certificate is self-signed; the test checks its pin instead of a chain. */
    private static SSLContext trustAll() throws Exception {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {any}, null);
        return context;
    }

    @Test
    void launcherSaysWhatToInstallWhenNoJdkFits() throws Exception {
        // No JDK here is version 99, so the launcher's search fails the way it would without a JDK 25.
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/quetzal").toString(), "version");
        builder.environment().put("QUETZAL_JDK_MIN", "99");
        Process launcher = builder.start();
        String err = new String(launcher.getErrorStream().readAllBytes());
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, launcher.exitValue(), err);
        assertTrue(err.startsWith("quetzal: no JDK 99 or newer found."), err);
        assertTrue(err.contains("Temurin 99"), err);
    }

    private static DatagramSocket udp() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = udp()) {
            return socket.getLocalPort();
        }
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return packet;
    }

    /** Polls the log (bounded) until {@code pattern} appears; returns its first group, or the match. */
    private String waitForLog(Path log, Pattern pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            if (!gateway.isAlive()) {
                throw new AssertionError("process exited " + gateway.exitValue() + ":\n" + text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + pattern + " in the log within " + timeout + ":\n" + Files.readString(log));
    }

}
