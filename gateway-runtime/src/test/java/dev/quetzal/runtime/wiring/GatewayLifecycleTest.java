package dev.quetzal.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.config.AddressPoolSettings;
import dev.quetzal.runtime.config.BufferSettings;
import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.config.GatewaySettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.StatusSettings;
import java.net.InetSocketAddress;
import dev.quetzal.runtime.testing.ManualClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Start in dependency order (backend, filters, frontends), stop in reverse, clean up after a failed
 * create or start, and a stop bounded by shutdownTimeout. Packets are IPv4 (RFC 791 §3.1).
 */
final class GatewayLifecycleTest {
    // 100.64.0.2 -> 198.18.0.10, UDP, 28 bytes.
    private static final byte[] OUTBOUND = HexFormat.of().parseHex("4500001c000000004011000064400002c612000a0400003500080000");
    // 198.18.0.10 -> 100.64.0.2
    private static final byte[] INBOUND = HexFormat.of().parseHex("4500001c0000000040110000c612000a644000020035040000080000");

    private final RecordingComponents recording = new RecordingComponents();

    private Gateway gateway(List<ComponentSpec> filters, Duration shutdownTimeout) {
        return GatewayModule.createGateway(config(filters, shutdownTimeout));
    }

    private LoadedConfig config(List<ComponentSpec> filters, Duration shutdownTimeout) {
        GatewaySettings settings = new GatewaySettings(
                new AddressPoolSettings(null, null), new StatusSettings(false, null), new BufferSettings(64, 128, 2048),
                shutdownTimeout, null);
        return new LoadedConfig(Path.of("test.json"), settings, List.of(recording.frontend("front")),
                recording.backend("back"), filters);
    }

    @Test
    void timersAndTimeFollowTheInjectedClock() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Gateway gateway = GatewayModule.createGateway(config(List.of(), Duration.ofSeconds(4)), clock, clock,
                new SecureRandom());
        gateway.start();
        try {
            AtomicInteger fired = new AtomicInteger();
            recording.frontendContext.scheduler().schedule(Duration.ofSeconds(5), fired::incrementAndGet);
            clock.advance(Duration.ofSeconds(4));
            assertEquals(0, fired.get());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, fired.get());
            assertEquals(Instant.parse("2026-01-01T00:00:05Z"), recording.backendContext.time().now());
        } finally {
            gateway.stop();
        }
    }

    @Test
    void startsInDependencyOrderAndStopsInReverse() throws Exception {
        Gateway gateway = gateway(List.of(recording.filter("a"), recording.filter("b")), Duration.ofSeconds(4));
        gateway.start();
        assertTrue(gateway.stop());
        assertEquals(List.of("create back", "create a", "create b", "create front",
                "start back", "start a", "start b", "start front",
                "close front", "close b", "close a", "close back"), recording.journal);
    }

    @Test
    void failedStartClosesEverythingCreatedInReverse() {
        recording.failStart.add("b");
        Gateway gateway = gateway(List.of(recording.filter("a"), recording.filter("b")), Duration.ofSeconds(4));
        GatewayStartException e = assertThrows(GatewayStartException.class, gateway::start);
        assertEquals("filter b (recording-filter) failed to start: java.lang.IllegalStateException: b refuses to start",
                e.getMessage());
        assertEquals(List.of("create back", "create a", "create b", "create front",
                "start back", "start a", "start b",
                "close front", "close b", "close a", "close back"), recording.journal);
    }

    @Test
    void failedCreateClosesWhatWasCreated() {
        recording.failCreate.add("front");
        Gateway gateway = gateway(List.of(recording.filter("a")), Duration.ofSeconds(4));
        GatewayStartException e = assertThrows(GatewayStartException.class, gateway::start);
        assertTrue(e.getMessage().startsWith("frontend front (recording-frontend from test class path) could not be created"),
                e.getMessage());
        assertEquals(List.of("create back", "create a", "close a", "close back"), recording.journal);
    }

    @Test
    @Timeout(10)
    void stopGivesUpOnAHangingCloseAfterTheTimeout() throws Exception {
        recording.hangClose.add("a");
        Gateway gateway = gateway(List.of(recording.filter("a")), Duration.ofMillis(300));
        gateway.start();
        assertFalse(gateway.stop());
        recording.releaseHang.countDown();
    }

    @Test
    @Timeout(10)
    void packetsFlowBothWaysThroughTheChain() throws Exception {
        BlockingQueue<PacketBuffer> filtered = new ArrayBlockingQueue<>(8);
        recording.filterObserver = filtered::add;
        Gateway gateway = gateway(List.of(recording.filter("a")), Duration.ofSeconds(4));
        gateway.start();
        try {
            BlockingQueue<PacketBuffer> delivered = new ArrayBlockingQueue<>(8);
            ClientSession session = new ClientSession() {
                @Override
                public String id() {
                    return "s1";
                }

                @Override
                public String identity() {
                    return "test";
                }

                @Override
                public List<IpAddress> innerAddresses() {
                    return List.of(IpAddress.parse("100.64.0.2"));
                }

                @Override
                public InetSocketAddress remoteEndpoint() {
                    return new InetSocketAddress("127.0.0.1", 1);
                }

                @Override
                public void deliver(PacketBuffer packet) {
                    delivered.add(packet);
                }
            };
            var attachment = recording.frontendContext.router().attach(session);
            recording.frontendContext.router().fromClient(session, PacketBuffer.copyOf(OUTBOUND, 64, 64));
            assertEquals(1, recording.sentByBackend.size());
            assertArrayEquals(OUTBOUND, recording.sentByBackend.getFirst().toByteArray());
            assertArrayEquals(OUTBOUND, filtered.poll(1, TimeUnit.SECONDS).toByteArray());

            recording.backendContext.router().fromNetwork(PacketBuffer.copyOf(INBOUND, 64, 64));
            assertArrayEquals(INBOUND, delivered.poll(1, TimeUnit.SECONDS).toByteArray());

            // An inbound injection from the first filter goes straight to the owner of the destination.
            recording.filterContext.inject(Direction.INBOUND, PacketBuffer.copyOf(INBOUND, 64, 64), null);
            assertArrayEquals(INBOUND, delivered.poll(1, TimeUnit.SECONDS).toByteArray());
            attachment.close();
        } finally {
            gateway.stop();
        }
    }

    @Test
    @Timeout(10)
    void backendStatesReachSubscribersAndContextsKeepToTheirKind() throws Exception {
        Gateway gateway = gateway(List.of(recording.filter("a")), Duration.ofSeconds(4));
        gateway.start();
        try {
            BlockingQueue<BackendState> states = new ArrayBlockingQueue<>(8);
            recording.frontendContext.uplink().subscribe(states::add);
            assertEquals(new BackendState.Disconnected("not started"), states.poll(1, TimeUnit.SECONDS));
            BackendState up = new BackendState.Connected(new UplinkInfo(
                    List.of(IpAddress.parse("198.18.0.2")), List.of(), List.of("corp.example"), List.of(), 1400));
            recording.backendContext.publishState(up);
            assertEquals(up, states.poll(1, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class,
                    () -> ((dev.quetzal.api.backend.BackendContext) recording.frontendContext).publishState(up));
            assertThrows(IllegalStateException.class, () -> ((dev.quetzal.api.filter.FilterContext) recording.backendContext)
                    .inject(Direction.OUTBOUND, PacketBuffer.allocate(0, 1), null));
        } finally {
            gateway.stop();
        }
    }
}
