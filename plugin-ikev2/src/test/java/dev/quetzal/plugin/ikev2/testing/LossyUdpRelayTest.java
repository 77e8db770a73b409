package dev.quetzal.plugin.ikev2.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lossy relay the loss tests rely on (issue 8, loss): it does what its counts say, and only that. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class LossyUdpRelayTest {
    private static final int QUIET_MILLIS = 300;

    /** Sends {@code count} numbered datagrams through the relay to a sink; returns the numbers as they arrived. */
    private static List<Integer> through(LossyUdpRelay.Faults faults, long seed, int count) throws Exception {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket source = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                LossyUdpRelay relay = new LossyUdpRelay((InetSocketAddress) sink.getLocalSocketAddress(), faults, seed)) {
            sink.setSoTimeout(QUIET_MILLIS);
            sink.setReceiveBufferSize(4 << 20);
            List<Integer> arrived = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                source.send(new DatagramPacket(new byte[] {(byte) (i >>> 8), (byte) i}, 2, relay.address()));
                if (i % 250 == 249) {
                    drain(sink, arrived, 500);
                }
            }
            drain(sink, arrived, 2 * count);
            LossyUdpRelay.Counts counts = relay.counts(LossyUdpRelay.Direction.TO_GATEWAY);
            assertEquals(count, counts.received());
            assertEquals(count - counts.dropped() + counts.duplicated(), counts.sent(), relay.toString());
            assertEquals(counts.sent(), arrived.size(), relay.toString());
            return arrived;
        }
    }

    private static void drain(DatagramSocket sink, List<Integer> arrived, int max) throws Exception {
        byte[] buffer = new byte[16];
        for (int i = 0; i < max; i++) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                sink.receive(p);
            } catch (SocketTimeoutException e) {
                return;
            }
            arrived.add(((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF));
        }
    }

    @Test
    @DisplayName("without faults every datagram arrives once and in order")
    void clean() throws Exception {
        List<Integer> arrived = through(new LossyUdpRelay.Faults(0, 0, 0), 1, 200);
        assertEquals(200, arrived.size());
        for (int i = 0; i < 200; i++) {
            assertEquals(i, arrived.get(i));
        }
    }

    @Test
    @DisplayName("5 % faults: drops, duplicates and reorders as counted, and the same seed gives the same arrivals")
    void seededFaults() throws Exception {
        LossyUdpRelay.Faults faults = new LossyUdpRelay.Faults(0.05, 0.05, 0.05);
        List<Integer> arrived = through(faults, 42, 1000);
        long distinct = arrived.stream().distinct().count();
        assertTrue(distinct > 900 && distinct < 990, "distinct " + distinct);
        assertTrue(arrived.size() > distinct, "no duplicate");
        boolean reordered = false;
        for (int i = 1; i < arrived.size(); i++) {
            reordered |= arrived.get(i) < arrived.get(i - 1);
        }
        assertTrue(reordered, "nothing reordered");
        assertArrayEquals(arrived.stream().mapToInt(Integer::intValue).toArray(),
                through(faults, 42, 1000).stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    @DisplayName("probabilities outside 0..1 are refused")
    void badProbability() {
        assertThrows(IllegalArgumentException.class, () -> new LossyUdpRelay.Faults(1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LossyUdpRelay.Faults(0, Double.NaN, 0));
    }
}
