package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.LossyUdpRelay;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own rekeys, by its lifetimes (10 s Child SA, 12 s IKE SA, 5 s margin, no jitter: due 5 s and 7 s
 * after the handshake), through a {@link LossyUdpRelay} with 5 % of each fault each way.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class LossyGatewayRekeyTest {
    /** The rekeys are due within 7 s; the rest covers the gateway's retransmissions (RFC 7296 §2.1, 15.5 s). */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    @DisplayName("RFC 7296 §2.8, §1.3.3, §1.3.2, §2.1 (issue 8, loss): the gateway's Child SA and IKE SA rekeys complete"
            + " under 5 % drop, duplication and reordering, and ESP goes on over the new Child SA")
    void gatewayRekeysUnderLoss() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        long started = System.nanoTime();
        try (RawUdpGateway gateway = RawUdpGateway.start(folder, pki, "{\"childSa\": \"10s\", \"ikeSa\": \"12s\","
                + " \"rekeyMargin\": \"5s\", \"rekeyJitter\": \"0s\", \"dpdInterval\": \"0s\"}");
                LossyUdpRelay relay = new LossyUdpRelay(gateway.port(), new LossyUdpRelay.Faults(0.05, 0.05, 0.05), 11);
                UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            client.connect(relay.address());
            ChildSaSpec first = client.awaitChild(WAIT);
            ChildSaSpec next = client.awaitChild(s -> s.replaces() == first.esp().inboundSpi(), WAIT);
            Rekeys.await(() -> client.engine().table().counters().get("ike_sa_rekeyed") > 0, WAIT,
                    () -> "the gateway's IKE SA rekey did not complete: " + relay);
            Map<String, Long> counters = engineCounters(gateway);
            assertTrue(counters.getOrDefault("child_rekey_started", 0L) > 0, counters.toString());
            assertTrue(counters.getOrDefault("ike_rekey_started", 0L) > 0, counters.toString());
            // §2.1: with this seed the path lost at least one of the gateway's requests or their responses.
            assertTrue(counters.getOrDefault("retransmitted", 0L) > 0, counters + ", " + relay);
            // The client started nothing: both rekeys were the gateway's.
            assertEquals(0L, client.engine().table().counters().get("child_rekey_started"));
            assertEquals(0L, client.engine().table().counters().get("ike_rekey_started"));
            EspStream.Result burst = new EspStream(gateway.uplink(), gateway.backend())
                    .upstream(client, next.innerAddresses().getFirst().toString(), 50);
            assertTrue(burst.delivered() > 0 && burst.twice() == 0, burst + ", " + relay);
            System.out.printf(Locale.ROOT, "gateway Child SA and IKE SA rekeys through 5 %% drop/dup/reorder done %d ms"
                    + " after the start; %s%n", (System.nanoTime() - started) / 1_000_000, relay);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> engineCounters(RawUdpGateway gateway) {
        return (Map<String, Long>) ((Map<String, Object>) gateway.frontend().status().get("engine")).get("counters");
    }
}
