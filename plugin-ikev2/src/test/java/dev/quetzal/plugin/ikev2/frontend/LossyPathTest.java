package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.LossyUdpRelay;
import dev.quetzal.plugin.ikev2.testing.LossyUdpRelay.Direction;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ikev2} frontend behind a {@link LossyUdpRelay} dropping, duplicating and reordering 5 % of the datagrams
 * each way (fixed seeds), against the in-process initiator: handshakes, ESP both ways through the raw-udp uplink, and
 * rekeys. Waits are bounded; what took how long is printed, never asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@DisplayName("Loss, duplication and reordering on the path (issue 8, loss)")
final class LossyPathTest {
    private static final LossyUdpRelay.Faults FIVE_PERCENT = new LossyUdpRelay.Faults(0.05, 0.05, 0.05);
    /** Covers the initiator's whole retransmission schedule (RFC 7296 §2.1: 0.5 s doubling, 5 tries, 15.5 s). */
    private static final Duration EXCHANGE_WAIT = Duration.ofSeconds(20);
    private static final int HANDSHAKES = 30;

    @TempDir
    Path folder;

    private RawUdpGateway gateway;
    private Ikev2Frontend frontend;
    private TestPki pki;
    private EspStream stream;

    @BeforeEach
    void start() throws Exception {
        pki = TestPki.create(folder, KeyType.ECDSA_P256);
        // No liveness checks: a check to a client already gone would reach the next one through the relay.
        gateway = RawUdpGateway.start(folder, pki, "{\"dpdInterval\": \"0s\"}");
        frontend = gateway.frontend();
        stream = new EspStream(gateway.uplink(), gateway.backend());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private InetSocketAddress gatewayPort() {
        return gateway.port();
    }

    @Test
    @DisplayName("RFC 7296 §2.1, §2.2: 30 handshakes in a row complete; lost messages are retransmitted, duplicates"
            + " answered from the stored response, and no duplicate makes a second IKE SA")
    void handshakesComplete() throws Exception {
        List<Long> millis = new ArrayList<>();
        try (LossyUdpRelay relay = new LossyUdpRelay(gatewayPort(), FIVE_PERCENT, 8)) {
            for (int i = 0; i < HANDSHAKES; i++) {
                long started = System.nanoTime();
                try (UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
                    IkeSa sa = client.connect(relay.address());
                    client.awaitChild(EXCHANGE_WAIT);
                    assertEquals(IkeSa.State.ESTABLISHED, sa.state(), "handshake " + i + ": " + relay);
                    millis.add((System.nanoTime() - started) / 1_000_000);
                }
            }
            Map<String, Long> counters = engineCounters();
            LossyUdpRelay.Counts up = relay.counts(Direction.TO_GATEWAY);
            LossyUdpRelay.Counts down = relay.counts(Direction.TO_CLIENT);
            assertTrue(up.dropped() + down.dropped() > 0 && up.duplicated() + down.duplicated() > 0
                    && up.reordered() + down.reordered() > 0, "the seed made no fault of some kind: " + relay);
            // §2.2: a duplicate request, or one resent after its response was lost, gets the stored response.
            long answeredAgain = counters.getOrDefault("retransmit_answered", 0L)
                    + counters.getOrDefault("init_retransmit_answered", 0L);
            assertTrue(answeredAgain > 0, "no request answered from the stored response: " + counters + ", " + relay);
            assertEquals(HANDSHAKES, counters.get("ike_sa_init_answered"), counters.toString());
            assertEquals(HANDSHAKES, counters.get("ike_sa_established"), counters.toString());
            millis.sort(null);
            System.out.printf(Locale.ROOT, "%d handshakes through 5 %% drop/dup/reorder: median %d ms, max %d ms, total"
                    + " %d ms; %d answered from the stored response; %s%n", HANDSHAKES, millis.get(HANDSHAKES / 2),
                    millis.getLast(), millis.stream().mapToLong(Long::longValue).sum(), answeredAgain, relay);
        }
    }

    @Test
    @DisplayName("RFC 4303 §3.4.3: 2000 ESP packets each way; every one the path delivers reaches the other side once,"
            + " reordered ones too, and each duplicate is dropped by the replay window")
    void espFlows() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(gatewayPort(), FIVE_PERCENT, 11);
                UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            client.connect(relay.address());
            ChildSaSpec child = client.awaitChild(EXCHANGE_WAIT);
            String inner = child.innerAddresses().getFirst().toString();
            LossyUdpRelay.Counts upBefore = relay.counts(Direction.TO_GATEWAY);
            long replayBefore = espDrops("replay");
            EspStream.Result up = stream.upstream(client, inner, EspStream.PACKETS);
            LossyUdpRelay.Counts upFaults = relay.counts(Direction.TO_GATEWAY).minus(upBefore);
            long gatewayReplays = espDrops("replay") - replayBefore;

            LossyUdpRelay.Counts downBefore = relay.counts(Direction.TO_CLIENT);
            EspStream.Result down = stream.downstream(client, inner, EspStream.PACKETS);
            LossyUdpRelay.Counts downFaults = relay.counts(Direction.TO_CLIENT).minus(downBefore);

            String report = "up " + up + " with " + upFaults + "; down " + down + " with " + downFaults;
            assertEquals(EspStream.PACKETS, upFaults.received(), report);
            assertEquals(EspStream.PACKETS - upFaults.dropped(), up.delivered(), report);
            assertEquals(upFaults.duplicated(), gatewayReplays, report);
            assertEquals(EspStream.PACKETS, downFaults.received(), report);
            assertEquals(EspStream.PACKETS - downFaults.dropped(), down.delivered(), report);
            assertEquals(downFaults.duplicated(), down.replays(), report);
            for (var pair : List.of(Map.entry(up, upFaults), Map.entry(down, downFaults))) {
                double fraction = pair.getKey().delivered() / (double) EspStream.PACKETS;
                assertTrue(fraction > 0.9 && fraction < 0.99, "delivered " + fraction + ": " + report);
                assertTrue(pair.getValue().duplicated() > 0 && pair.getValue().reordered() > 0, report);
                assertTrue(pair.getKey().outOfOrder() > 0, "no reordered packet accepted: " + report);
            }
            System.out.printf(Locale.ROOT, "ESP through 5 %% drop/dup/reorder: %s%n", report);
        }
    }

    @Test
    @DisplayName("RFC 7296 §1.3.3, §1.3.2, §2.1: Child SA and IKE SA rekeys complete under loss, ESP goes on over the"
            + " new SAs, and the gateway is left with one Child SA")
    void rekeysComplete() throws Exception {
        int rounds = 10;
        long started = System.nanoTime();
        try (LossyUdpRelay relay = new LossyUdpRelay(gatewayPort(), FIVE_PERCENT, 13);
                UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            client.connect(relay.address());
            ChildSaSpec current = client.awaitChild(EXCHANGE_WAIT);
            String inner = current.innerAddresses().getFirst().toString();
            for (int round = 0; round < rounds; round++) {
                IkeSa sa = Rekeys.currentIkeSa(client, EXCHANGE_WAIT);
                ChildSaSpec previous = current;
                // Retried while the window is busy (the previous Delete may still be retransmitted).
                Rekeys.await(() -> sa.children().stream().filter(c -> c.inboundSpi() == previous.esp().inboundSpi())
                        .findFirst().map(c -> client.engine().table().rekeyChild(sa, c, DhGroup.NONE)).orElse(false),
                        EXCHANGE_WAIT, () -> "Child SA rekey could not start: " + relay);
                current = client.awaitChild(s -> s.replaces() == previous.esp().inboundSpi(), EXCHANGE_WAIT);
                long rekeyed = client.engine().table().counters().get("ike_sa_rekeyed");
                IkeSa ikeSa = Rekeys.currentIkeSa(client, EXCHANGE_WAIT);
                Rekeys.await(() -> client.engine().table().rekeyIke(ikeSa), EXCHANGE_WAIT,
                        () -> "IKE SA rekey could not start: " + relay);
                Rekeys.await(() -> client.engine().table().counters().get("ike_sa_rekeyed") > rekeyed, EXCHANGE_WAIT,
                        () -> "IKE SA rekey did not complete: " + relay);
                EspStream.Result burst = stream.upstream(client, inner, 20);
                assertTrue(burst.delivered() > 0, "no ESP after round " + round + ": " + relay);
            }
            Rekeys.await(() -> ((Number) frontend.status().get("childSas")).intValue() == 1, EXCHANGE_WAIT,
                    () -> "the replaced Child SAs stayed: " + frontend.status());
            assertEquals(1, frontend.sessions().size());
            System.out.printf(Locale.ROOT, "%d Child SA and %d IKE SA rekeys through 5 %% drop/dup/reorder in %d ms; %s%n",
                    rounds, rounds, (System.nanoTime() - started) / 1_000_000, relay);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> engineCounters() {
        return (Map<String, Long>) ((Map<String, Object>) frontend.status().get("engine")).get("counters");
    }

    @SuppressWarnings("unchecked")
    private long espDrops(String reason) {
        return ((Number) ((Map<String, Object>) frontend.status().get("drops")).get(reason)).longValue();
    }
}
