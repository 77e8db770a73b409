package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.plugin.ikev2.client.IkeClient;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Numbered IPv4/UDP packets through the gateway in bursts, between an {@link IkeClient} and the raw-udp uplink's peer
 * socket: each burst is followed by reading until the path has been quiet for {@link #QUIET}, so no socket buffer
 * overflows and every packet the path delivered is counted. The number sits in the first four payload octets.
 */
final class EspStream {
    static final int PACKETS = 2000;
    private static final int BURST = 100;
    /** Far above the relay's longest hold of a reordered datagram. */
    private static final Duration QUIET = Duration.ofMillis(300);
    /** After the last burst nothing counts later: more room for a slow machine. */
    private static final Duration LAST_QUIET = Duration.ofSeconds(1);
    private static final String REMOTE = "198.51.100.7";
    private static final int LENGTH = 120;
    private static final int ID_OFFSET = 28;

    /**
     * @param delivered distinct packets that arrived
     * @param twice arrivals of a packet already counted (a duplicate the replay window should have dropped)
     * @param outOfOrder arrivals numbered below one that arrived earlier (reordered, and accepted)
     * @param replays packets the client's replay window refused (downstream only)
     */
    record Result(int delivered, int twice, int outOfOrder, int replays) {
    }

    private final DatagramSocket uplink;
    private final InetSocketAddress backend;

    /** {@code uplink}: the raw-udp backend's peer socket; {@code backend}: where the backend listens. */
    EspStream(DatagramSocket uplink, InetSocketAddress backend) {
        this.uplink = uplink;
        this.backend = backend;
    }

    /** {@code count} packets from the client's {@code inner} address to the uplink. */
    Result upstream(IkeClient client, String inner, int count) throws IOException {
        Tally tally = new Tally();
        byte[] buffer = new byte[2048];
        for (int first = 0; first < count; first += BURST) {
            for (int id = first; id < Math.min(count, first + BURST); id++) {
                client.send(packet(inner, REMOTE, id));
            }
            uplink.setSoTimeout((int) quiet(first, count).toMillis());
            // Bounded: each round either takes a packet or ends; at most twice the packets sent can come.
            for (int i = 0; i < 2 * count; i++) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    uplink.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                tally.arrived(ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()).getInt(ID_OFFSET));
            }
        }
        return tally.result(0);
    }

    /** {@code count} packets from the uplink to the client's {@code inner} address. */
    Result downstream(IkeClient client, String inner, int count) throws IOException, InterruptedException {
        Tally tally = new Tally();
        int replays = 0;
        for (int first = 0; first < count; first += BURST) {
            for (int id = first; id < Math.min(count, first + BURST); id++) {
                byte[] packet = packet(REMOTE, inner, id);
                uplink.send(new DatagramPacket(packet, packet.length, backend));
            }
            for (int i = 0; i < 2 * count; i++) {
                Optional<byte[]> received;
                try {
                    received = client.receive(quiet(first, count));
                } catch (IllegalStateException e) {
                    // RFC 4303 §3.4.3: the client's replay window refused a duplicate.
                    if (!String.valueOf(e.getMessage()).contains("REPLAY")) {
                        throw e;
                    }
                    replays++;
                    continue;
                }
                if (received.isEmpty()) {
                    break;
                }
                tally.arrived(ByteBuffer.wrap(received.get()).getInt(ID_OFFSET));
            }
        }
        return tally.result(replays);
    }

    private static Duration quiet(int first, int count) {
        return first + BURST >= count ? LAST_QUIET : QUIET;
    }

    private static byte[] packet(String source, String destination, int id) {
        byte[] p = Fixtures.ipv4(source, destination, 40000, 7, LENGTH);
        ByteBuffer.wrap(p).putInt(ID_OFFSET, id);
        return p;
    }

    private static final class Tally {
        private final Set<Integer> seen = new HashSet<>();
        private int twice;
        private int outOfOrder;
        private int highest = -1;

        void arrived(int id) {
            if (!seen.add(id)) {
                twice++;
            }
            if (id < highest) {
                outOfOrder++;
            }
            highest = Math.max(highest, id);
        }

        Result result(int replays) {
            return new Result(seen.size(), twice, outOfOrder, replays);
        }
    }
}
