package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 acceptance "denial of service": 20,000 IKE_SA_INIT requests from 200 addresses of the client namespace
 * ({@link InitFloodSender}) while strongSwan connects from the same namespace. Quetzal's cookies (RFC 7296 §2.6)
 * engage at 50 half-open IKE SAs, the flood never returns them, strongSwan does and gets its tunnel; the gateway's
 * heap after a GC stays under {@link #HEAP_LIMIT_BYTES}. Root only.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class InitFloodStrongSwanIT {
    private static final int IKE_PORT = 500;
    private static final String CLIENT_OUTER = "198.18.0.2";
    private static final int REQUESTS = 20_000;
    private static final int SOURCES = 200;
    private static final String FIRST_SOURCE = "198.18.0.10";
    /**
     * Requests a second: 20,000 take 10 s, so strongSwan connects in the middle of them even when one of its
     * datagrams is lost in the flood and it retransmits (after 4 s).
     */
    private static final int RATE = 2_000;
    private static final long HEAP_LIMIT_BYTES = 128L << 20;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    private static final CertificateKey KEY = CertificateKey.ECDSA_P256;
    private static final Pattern HEAP_USED = Pattern.compile("heap [^\\n]*?used (\\d+)K");

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §2.6, issue 8 acceptance: strongSwan gets its tunnel during a 20,000 IKE_SA_INIT flood"
            + " from 200 sources; cookies engage and the gateway's heap stays bounded")
    void strongSwanConnectsDuringFlood() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), KEY).getFirst();
        String connection = SUITE.connection(KEY);
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            Scripts.Result added = topology.runInClient(LIMIT, "sh", "-c", ("dev=$(ip -o -4 addr show | awk '/ %s\\//"
                    + " {print $2}'); for i in $(seq 10 %d); do ip addr add 198.18.0.$i/32 dev \"$dev\" || exit 1; done")
                    .formatted(CLIENT_OUTER, 10 + SOURCES - 1));
            assertEquals(0, added.exitCode(), added.output());
            // The frontend's "lifetimes" slot is followed by the "dos" object.
            server.start(QuetzalServer.config(pki, SUITE, IKE_PORT, "{}, \"dos\": {\"cookieThreshold\": 50,"
                    + " \"maxHalfOpen\": 5000, \"initRatePerSource\": 20}", null, null));
            long heapBefore = heapUsed(server);
            try (StrongSwanClient client = StrongSwanClient.start(topology, work.resolve("pki"), IKE_PORT)) {
                Path floodLog = work.resolve("flood.log");
                List<String> command = new ArrayList<>(topology.inClient(Path.of(System.getProperty("java.home"), "bin",
                        "java").toString(), "-cp", System.getProperty("java.class.path"),
                        InitFloodSender.class.getName(), SwanTopology.SERVER_OUTER, Integer.toString(IKE_PORT),
                        Integer.toString(REQUESTS), FIRST_SOURCE, Integer.toString(SOURCES), Integer.toString(RATE)));
                Process flood = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(floodLog.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                try {
                    awaitCookies(server);
                    assertTrue(flood.isAlive(), "strongSwan starts while the flood is still running");
                    long started = System.nanoTime();
                    String initiated = client.initiate(connection);
                    double connectSeconds = (System.nanoTime() - started) / 1e9;
                    boolean floodRunning = flood.isAlive();
                    assertTrue(initiated.contains("CHILD_SA " + connection + "{"), initiated);
                    assertTrue(flood.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the flood did not end");
                    assertEquals(0, flood.exitValue(), Files.readString(floodLog));
                    assertTrue(client.listSas().established(connection).isPresent(), "the tunnel outlived the flood");
                    assertTrue(Files.readString(client.log()).contains("parsed IKE_SA_INIT response 0 [ N(COOKIE) ]"),
                            "strongSwan was asked for a cookie (its log)");
                    Scripts.Result ping = topology.runInClient(LIMIT, "ping", "-c", "2", "-i", "0.2", "-W", "2",
                            SwanTopology.BEHIND_SERVER);
                    assertEquals(0, ping.exitCode(), "ping through the tunnel:\n" + ping.output());
                    long heapAfter = heapUsed(server);
                    assertTrue(heapAfter < HEAP_LIMIT_BYTES, "heap used after GC: " + heapAfter);
                    System.out.printf(Locale.ROOT, "IKE_SA_INIT flood IT: %s; strongSwan connected in %.2f s (flood"
                            + " %s then); gateway heap used after GC %.1f MiB before, %.1f MiB after%n",
                            Files.readString(floodLog).strip(), connectSeconds, floodRunning ? "still running" : "over",
                            heapBefore / 1048576.0, heapAfter / 1048576.0);
                    client.terminate(connection);
                } finally {
                    flood.destroyForcibly();
                    flood.waitFor(10, TimeUnit.SECONDS);
                }
            } finally {
                server.stop();
            }
        }
    }

    /** Waits until the gateway logged that cookies are on (the flood crossed the threshold). */
    private static void awaitCookies(QuetzalServer server) throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(server.log()).contains("IKE_SA_INIT cookies on")) {
                return;
            }
            Scripts.pause(20);
        }
        throw new AssertionError("cookies never engaged; Quetzal log:\n" + server.tail());
    }

    /** The gateway's heap in use right after a full GC, from {@code jcmd}. */
    private static long heapUsed(QuetzalServer server) throws IOException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Scripts.Result gc = Scripts.command(LIMIT, Map.of(), List.of(jcmd, Long.toString(server.pid()), "GC.run"));
        assertEquals(0, gc.exitCode(), gc.output());
        Scripts.Result info = Scripts.command(LIMIT, Map.of(), List.of(jcmd, Long.toString(server.pid()), "GC.heap_info"));
        Matcher m = HEAP_USED.matcher(info.output());
        assertTrue(m.find(), info.output());
        return Long.parseLong(m.group(1)) * 1024;
    }
}
