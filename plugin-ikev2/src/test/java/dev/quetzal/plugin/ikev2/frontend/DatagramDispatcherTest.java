package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sorting datagrams by ports, as strongSwan 5.9.8 does (strongswan.md §2: no marker when either port is
 * 500, RFC 3948 §2.2 otherwise), including the ports a test cannot bind; and an engine that throws.
 */
final class DatagramDispatcherTest {
    /** An IKE header's start: a non-zero initiator SPI, which must not be mistaken for ESP on port 500. */
    private static final byte[] IKE = HexFormat.of().parseHex("0123456789abcdef0000000000000000212022080000000000000050");
    private static final InetSocketAddress LOCAL_4500 = new InetSocketAddress("127.0.0.1", 4500);
    private static final InetSocketAddress LOCAL_500 = new InetSocketAddress("127.0.0.1", 500);

    private final TestContext context = new TestContext();
    private final FrontendCounters counters = new FrontendCounters(context.metrics());
    private final List<byte[]> toEngine = new ArrayList<>();
    private final DatagramDispatcher dispatcher = new DatagramDispatcher(
            new EspDataplane(context.router, context.clock, (p, peer, port) -> true, counters), counters);
    private boolean engineThrows;

    DatagramDispatcherTest() {
        dispatcher.engine(new IkeEngine() {
            @Override
            public void receive(byte[] message, int offset, int length, InetSocketAddress peer, InetSocketAddress local) {
                if (engineThrows) {
                    throw new IllegalStateException("engine bug");
                }
                toEngine.add(Arrays.copyOfRange(message, offset, offset + length));
            }

            @Override
            public void tick(long nowNanos) {}

            @Override
            public void routesChanged() {}

            @Override
            public void espPeerMoved(String ikeSaId, InetSocketAddress peer) {}

            @Override
            public Map<String, Object> status() {
                return Map.of();
            }

            @Override
            public void close() {}
        });
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void dispatch(byte[] payload, int fromPort, InetSocketAddress local) {
        PacketBuffer buffer = context.pool.acquire();
        buffer.append(payload, 0, payload.length);
        dispatcher.dispatch(buffer, new InetSocketAddress("127.0.0.1", fromPort), local.getPort(), local);
    }

    @Test
    @DisplayName("strongswan.md §2: 500 -> 4500 carries IKE without a marker, whatever its first bytes")
    void port500ToNatPortHasNoMarker() {
        dispatch(IKE, 500, LOCAL_4500);
        dispatch(IKE, 4500, LOCAL_500);
        assertEquals(2, toEngine.size());
        assertArrayEquals(IKE, toEngine.get(0));
        assertArrayEquals(IKE, toEngine.get(1));
        assertEquals(0, context.counter("quetzal_ikev2_datagrams_total", "class", "esp"));
    }

    @Test
    @DisplayName("RFC 3948 §2.2: between other ports the marker is stripped, and a non-zero start is ESP")
    void markerBetweenOtherPorts() {
        dispatch(Fixtures.concat(new byte[4], IKE), 4500, LOCAL_4500);
        assertArrayEquals(IKE, toEngine.getFirst());
        dispatch(IKE, 4500, LOCAL_4500);
        assertEquals(1, toEngine.size());
        assertEquals(1, context.counter("quetzal_ikev2_datagrams_total", "class", "esp"));
        assertEquals(1, context.dropped("unknown-spi"));
    }

    @Test
    @DisplayName("RFC 3948 §2.2: our IKE gets the marker only when neither port is 500")
    void outgoingFraming() {
        assertArrayEquals(IKE, SocketTransport.frame(IKE, 0, IKE.length, 500, 4500));
        assertArrayEquals(IKE, SocketTransport.frame(IKE, 0, IKE.length, 4500, 500));
        assertArrayEquals(Fixtures.concat(new byte[4], IKE), SocketTransport.frame(IKE, 0, IKE.length, 4500, 4500));
        assertArrayEquals(Fixtures.concat(new byte[4], IKE), SocketTransport.frame(IKE, 0, IKE.length, 5000, 6000));
    }

    @Test
    @DisplayName("Robustness (common rules): an engine that throws is counted; the loop and the pool survive")
    void engineFailureIsCounted() {
        engineThrows = true;
        dispatch(IKE, 500, LOCAL_500);
        assertEquals(1, context.counter("quetzal_ikev2_engine_errors_total"));
        assertEquals(256, context.pool.available());
        assertTrue(toEngine.isEmpty());
    }
}
