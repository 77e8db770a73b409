package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.corpus.Corpus;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ikev2} frontend under an IKE_SA_INIT flood over real UDP (RFC 7296 §2.6): 20,000 requests (strongSwan's
 * captured IKE_SA_INIT with fresh SPIs) from 250 source addresses on 127.0.0.0/8, while the in-process client
 * connects. Cookies engage at 50 half-open SAs, the flood never returns them, so the half-open SAs stay at the
 * threshold, and the client, which does return its cookie, gets its Child SA.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class InitFloodTest {
    private static final int REQUESTS = 20_000;
    private static final int SOURCES = 250;
    private static final int THRESHOLD = 50;
    private static final int BACKLOG = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    @DisplayName("RFC 7296 §2.6, issue 8 acceptance (component): 20,000 IKE_SA_INIT from 250 sources while a client"
            + " connects: cookies engage, half-open SAs stay at the threshold, the client gets its Child SA")
    @SuppressWarnings("unchecked")
    void clientConnectsDuringFlood() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        LoadedConfig config = GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "ikev2", "listenAddress": "127.0.0.1", "natPort": 0, "singlePort": true,
                                 "certificate": "server.pem", "key": "server-key.pem", "clientCa": "ca.pem",
                                 "dos": {"cookieThreshold": %d, "maxHalfOpen": 5000, "initRatePerSource": 20}}],
                  "backend": {"type": "raw-udp", "peer": "127.0.0.1:9", "bind": "127.0.0.1:0"},
                  "status": {"enabled": false}
                }
                """.formatted(THRESHOLD), Map.of());
        gateway = GatewayModule.createGateway(config);
        gateway.start();
        Ikev2Frontend frontend = (Ikev2Frontend) gateway.components().getLast().component();
        InetSocketAddress natPort = frontend.localEndpoints().getFirst();
        long heapBefore = heapUsed();

        byte[] captured = Corpus.first("IKE_SA_INIT MID=00 Initiator Request").payload();
        List<DatagramSocket> sources = new ArrayList<>();
        long started = System.nanoTime();
        ChildSaSpec child;
        try (UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            for (int i = 0; i < SOURCES; i++) {
                sources.add(new DatagramSocket(new InetSocketAddress("127.1.0." + (i + 1), 0)));
            }
            ByteBuffer datagram = ByteBuffer.allocate(4 + captured.length);
            for (int n = 0; n < REQUESTS; n++) {
                if (n == REQUESTS / 4) {
                    client.connect(natPort);
                }
                datagram.clear();
                datagram.putInt(0).put(captured).putLong(4, 0x5100_0000_0000_0000L + n);
                sources.get(n % SOURCES).send(new DatagramPacket(datagram.array(), datagram.capacity(), natPort));
                throttle(frontend, n + 1, started);
            }
            double floodSeconds = (System.nanoTime() - started) / 1e9;
            child = client.awaitChild(WAIT);
            Map<String, Object> engine = (Map<String, Object>) frontend.status().get("engine");
            Map<String, Long> counters = (Map<String, Long>) engine.get("counters");
            Map<String, Object> dos = (Map<String, Object>) engine.get("dos");
            long heapAfter = heapUsed();

            assertTrue(counters.getOrDefault("cookie_sent", 0L) >= REQUESTS / 2, "cookies engaged: " + counters);
            assertEquals(1L, counters.get("cookie_valid"), "only the client returned a cookie: " + counters);
            assertTrue((int) dos.get("halfOpen") <= THRESHOLD, "half-open SAs stop at the threshold: " + dos);
            assertEquals(1, frontend.sessions().size());
            assertTrue(child.innerAddresses().getFirst().toString().startsWith("100.64.0."));
            System.out.printf(Locale.ROOT, "IKE_SA_INIT flood: %d requests from %d sources sent in %.2f s; the engine"
                    + " answered %d with a cookie, %d half-open IKE SAs, %d IKE SAs established; heap used %.1f MiB"
                    + " before, %.1f MiB after (after GC)%n", REQUESTS, SOURCES, floodSeconds,
                    counters.get("cookie_sent"), dos.get("halfOpen"), counters.getOrDefault("ike_sa_established", 0L),
                    heapBefore / 1048576.0, heapAfter / 1048576.0);
        } finally {
            sources.forEach(DatagramSocket::close);
        }
    }

    /**
     * Waits while more than {@link #BACKLOG} of the {@code sent} datagrams are still in the socket buffer, so the
     * flood reaches the engine rather than the kernel's drop counter; bounded by {@link #WAIT} from {@code started}.
     */
    private static void throttle(Ikev2Frontend frontend, long sent, long started) throws InterruptedException {
        while (sent - ((Number) frontend.status().get("ikeDatagrams")).longValue() > BACKLOG
                && System.nanoTime() - started < WAIT.toNanos()) {
            Thread.sleep(1);
        }
    }

    private static long heapUsed() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
