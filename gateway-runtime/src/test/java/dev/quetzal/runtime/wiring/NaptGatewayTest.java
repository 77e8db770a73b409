package dev.quetzal.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.config.AddressPoolSettings;
import dev.quetzal.runtime.config.BufferSettings;
import dev.quetzal.runtime.config.GatewaySettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.NaptSettings;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.testing.ManualClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole gateway with {@code "napt": {"enabled": true}}: two clients using the same source port
 * reach a backend that only sees the uplink's address (as a FortiGate accepts only the address it
 * assigned), which echoes every datagram; both clients get their own answers. Idle mappings go on
 * the runtime's scheduler, and a reconnect with another address flushes them.
 */
@DisplayName("gateway with NAPT: two clients through one uplink address (issue 7 item 1; RFC 4787 REQ-1, REQ-5)")
final class NaptGatewayTest {
    private static final String UPLINK = "198.18.0.7";
    // 100.64.0.x:1024 -> 198.19.0.10:53, UDP with checksum 0 (none), 12 bytes of payload.
    private static final String DATAGRAM = "45000028000000004011%s64400%03dc613000a0400003500140000" + "68656c6c6f20776f726c6421";

    private final RecordingComponents recording = new RecordingComponents();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    @Timeout(20)
    @DisplayName("every packet reaches the backend from the uplink address; each client gets its own echo")
    void twoClientsShareTheUplinkAddress() throws Exception {
        start();
        Client alice = new Client("alice", 2);
        Client bob = new Client("bob", 3);
        recording.frontendContext.router().attach(alice);
        recording.frontendContext.router().attach(bob);

        recording.frontendContext.router().fromClient(alice, datagram(2));
        recording.frontendContext.router().fromClient(bob, datagram(3));

        assertEquals(2, recording.sentByBackend.size());
        for (PacketBuffer sent : recording.sentByBackend) {
            assertEquals(IpAddress.parse(UPLINK), new Ipv4Address(Ipv4Header.source(sent)),
                    "the backend accepts only its assigned address");
            recording.backendContext.router().fromNetwork(echo(sent));
        }
        assertNotEquals(recording.sentByBackend.get(0).getUnsignedShort(20),
                recording.sentByBackend.get(1).getUnsignedShort(20));
        assertEquals(List.of("100.64.0.2:1024"), alice.received);
        assertEquals(List.of("100.64.0.3:1024"), bob.received);
        @SuppressWarnings("unchecked")
        Map<String, Integer> mappings = (Map<String, Integer>) gateway.services().napt().status().get("mappings");
        assertEquals(2, mappings.get("udp4"));
        Map<String, Object> status = gateway.services().napt().status();
        assertEquals(true, status.get("enabled"));
        assertEquals(2, status.get("clients"));
        assertEquals(List.of(Map.of("client", "100.64.0.2", "mappings", 1), Map.of("client", "100.64.0.3", "mappings", 1)),
                status.get("topClients"));
        assertEquals(0L, ((Map<?, ?>) status.get("drops")).get("napt-client-limit"));

        clock.advance(Duration.ofMinutes(5).plusSeconds(10));

        assertEquals(0, ((Map<?, ?>) gateway.services().napt().status().get("mappings")).get("udp4"));
    }

    @Test
    @Timeout(20)
    @DisplayName("a reconnect with another address flushes the mappings")
    void reconnectWithAnotherAddressFlushes() throws Exception {
        start();
        Client alice = new Client("alice", 2);
        recording.frontendContext.router().attach(alice);
        recording.frontendContext.router().fromClient(alice, datagram(2));

        connect("198.18.0.8");
        waitForUplinkAddress("198.18.0.8");

        assertEquals(0, ((Map<?, ?>) gateway.services().napt().status().get("mappings")).get("udp4"));

        recording.frontendContext.router().fromClient(alice, datagram(2));
        assertEquals(IpAddress.parse("198.18.0.8"),
                new Ipv4Address(Ipv4Header.source(recording.sentByBackend.getLast())));
    }

    @Test
    @Timeout(20)
    @DisplayName("napt.enabled unset: on for a backend that accepts only its assigned addresses, off for another;"
            + " an explicit false wins")
    void unsetFollowsTheBackend() throws Exception {
        recording.backendAcceptsOnlyAssignedAddresses = true;
        start(NaptSettings.defaults());
        assertEquals(true, gateway.services().napt().status().get("enabled"));
        gateway.stop();

        recording.backendAcceptsOnlyAssignedAddresses = false;
        start(NaptSettings.defaults());
        assertEquals(Map.of("enabled", false), gateway.services().napt().status());
        gateway.stop();

        recording.backendAcceptsOnlyAssignedAddresses = true;
        start(NaptSettings.defaults().withEnabled(false));
        assertEquals(Map.of("enabled", false), gateway.services().napt().status());
    }

    private void start() throws Exception {
        start(NaptSettings.defaults().withEnabled(true));
        connect(UPLINK);
        waitForUplinkAddress(UPLINK);
    }

    private void start(NaptSettings napt) throws Exception {
        GatewaySettings settings = new GatewaySettings(new AddressPoolSettings(null, null),
                new StatusSettings(false, null), new BufferSettings(64, 128, 2048), null, null, napt);
        LoadedConfig config = new LoadedConfig(Path.of("test.json"), settings,
                List.of(recording.frontend("front")), recording.backend("back"), List.of());
        gateway = GatewayModule.createGateway(config, clock, clock, new SecureRandom());
        gateway.start();
    }

    /** The uplink's state reaches NAPT on the runtime's event thread; its status shows when it has. */
    private void waitForUplinkAddress(String address) throws InterruptedException {
        waitFor(() -> List.of(address).equals(gateway.services().napt().status().get("uplink")));
    }

    private void connect(String address) {
        recording.backendContext.publishState(new BackendState.Connected(
                new UplinkInfo(List.of(IpAddress.parse(address)), List.of(), List.of(), List.of(), 1400)));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(5);
        }
    }

    private static PacketBuffer datagram(int client) {
        byte[] bytes = HexFormat.of().parseHex(DATAGRAM.formatted("0000", client));
        PacketBuffer packet = PacketBuffer.copyOf(bytes, 64, 0);
        Ipv4Header.updateChecksum(packet);
        return packet;
    }

    /** The far end's answer: addresses and ports swapped. */
    private static PacketBuffer echo(PacketBuffer sent) {
        PacketBuffer answer = PacketBuffer.copyOf(sent.toByteArray(), 64, 0);
        Ipv4Header.setSource(answer, Ipv4Header.destination(sent));
        Ipv4Header.setDestination(answer, Ipv4Header.source(sent));
        answer.putShort(20, sent.getUnsignedShort(22));
        answer.putShort(22, sent.getUnsignedShort(20));
        Ipv4Header.updateChecksum(answer);
        return answer;
    }

    /** A client session that notes the address and port each delivered packet is for. */
    private static final class Client implements ClientSession {
        final List<String> received = new CopyOnWriteArrayList<>();
        private final String id;
        private final IpAddress address;

        Client(String id, int host) {
            this.id = id;
            this.address = IpAddress.parse("100.64.0." + host);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String identity() {
            return id;
        }

        @Override
        public List<IpAddress> innerAddresses() {
            return List.of(address);
        }

        @Override
        public InetSocketAddress remoteEndpoint() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public void deliver(PacketBuffer packet) {
            received.add(new Ipv4Address(Ipv4Header.destination(packet)) + ":" + packet.getUnsignedShort(22));
        }
    }
}
