package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.StandardEngineFactory;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frontend with the real engine on loopback and the in-process client: a route published after the client
 * connected reaches it as a gateway-initiated Child SA rekey (RFC 7296 §1.3.3, §2.9), and traffic to the new route
 * passes the new SA's selector check (RFC 4301 §5.2) where the old SA dropped it.
 */
@Timeout(60)
final class RoutePushUdpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final TestContext context = new TestContext();

    @AfterEach
    void closeContext() {
        context.close();
    }

    private static AddressRange range(String start, String end) {
        return new AddressRange(TrafficSelector.ANY_PROTOCOL, 0, 0xFFFF, IpAddress.parse(start), IpAddress.parse(end));
    }

    /** Waits, bounded, until the runtime's event thread has handed out everything published so far. */
    private void delivered() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        context.events.post(latch::countDown);
        assertTrue(latch.await(5, TimeUnit.SECONDS));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        FrontendProbe.await(condition, WAIT, what);
    }

    private static long engineCounter(Ikev2Frontend frontend, String name) {
        return FrontendProbe.engineCounter(frontend, name);
    }

    @Test
    @DisplayName("RFC 7296 §1.3.3, §2.9, RFC 4301 §5.2: a new route is pushed; the client installs the gateway's rekey"
            + " without rekeying itself, and traffic to the new address passes the new SA's selectors")
    void pushedRouteCarriesTraffic() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        context.routes.publish("static", List.of(Route.include(IpPrefix.parse("198.18.0.0/24"), "static")));
        Ikev2Config config = new Ikev2Config(IpAddress.parse("127.0.0.1"), 0, 0, true, pki.certificate(), pki.key(),
                pki.clientCa(), null, null);
        // Certificates are checked against real time; the engine's timers run on the test's manual clock.
        Ikev2Frontend frontend = new Ikev2Frontend(config, context,
                new StandardEngineFactory(StandardEngineFactory.saConfig(config, InstantSource.system())));
        frontend.start();
        try (frontend; UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            client.connect(frontend.localEndpoints().getFirst());
            ChildSaSpec first = client.awaitChild(WAIT);
            assertEquals(List.of(range("198.18.0.0", "198.18.0.255")), first.remoteSelectors());
            String inner = first.innerAddresses().getFirst().toString();

            byte[] toNew = Fixtures.ipv4(inner, "198.18.1.7", 40000, 53, 80);
            client.send(toNew);
            await(() -> context.dropped("ts-violation") == 1, "the old SA to drop a packet outside its selectors");

            context.routes.publish("split-dns", List.of(Route.include(IpPrefix.parse("198.18.1.7/32"), "split-dns")));
            delivered();
            context.clock.advance(Duration.ofMillis(1100));

            assertFalse(UdpInitiator.covers(first.remoteSelectors(), IpAddress.parse("198.18.1.7")));
            ChildSaSpec pushed = client.awaitRoute(IpAddress.parse("198.18.1.7"), WAIT);
            assertEquals(new HashSet<>(List.of(range("198.18.0.0", "198.18.0.255"), range("198.18.1.7", "198.18.1.7"))),
                    new HashSet<>(pushed.remoteSelectors()));
            assertEquals(first.localSelectors(), pushed.localSelectors(), "the client keeps its inner address");
            assertEquals(first.esp().inboundSpi(), pushed.replaces());
            await(() -> client.children().size() == 1, "the gateway's Delete of the old Child SA");
            assertEquals(pushed, client.children().getFirst());

            client.send(toNew);
            assertArrayEquals(toNew, context.nextToNetwork(), "the new SA's selectors admit the new address");
            byte[] back = Fixtures.ipv4("198.18.1.7", inner, 53, 40000, 60);
            context.fromNetwork(back);
            assertArrayEquals(back, client.receive(WAIT).orElseThrow(), "and the answer comes back through it");

            assertEquals(1, context.dropped("ts-violation"));
            assertEquals(1, engineCounter(frontend, "route_push_started"));
            assertEquals(0, client.engine().table().counters().get("child_rekey_started"),
                    "the client did not rekey itself");
        }
    }
}
