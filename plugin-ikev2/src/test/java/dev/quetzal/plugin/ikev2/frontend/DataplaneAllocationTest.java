package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.esp.EspDecryptResult;
import dev.quetzal.plugin.ikev2.esp.EspEncryptResult;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The no-allocation rule on the ESP paths (DESIGN.md "Data path", like gateway-runtime's
 * RouterAllocationTest). SunJCE's AES-GCM allocates about 2 KB per init on its own (measured by
 * EspAllocationTest), so this bounds only what is ours: a round trip through the data plane (SPI lookup,
 * decrypt, selector check, router, session, encrypt, a real UDP send) is compared with the same four
 * EspSa operations alone, and the difference must stay under 64 bytes per packet. RFC 4303 §3.3/§3.4.
 */
@Timeout(120)
final class DataplaneAllocationTest {
    private static final int PACKETS = 50_000;
    private static final int OUR_SPI = 0xC001_0001;
    private static final int PEER_SPI = 0xBEEF_0001;
    private static final long BOUND_PER_PACKET = 64;

    @Test
    @DisplayName("RFC 4303 §3.3, §3.4: ESP in and out through the data plane allocate nothing beyond the cipher's own")
    void dataplaneAddsNoAllocation() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (TestContext context = new TestContext();
                UdpEndpoint endpoint = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0));
                DatagramChannel sink = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            context.toNetwork.clear();
            InetSocketAddress peerAddress = (InetSocketAddress) sink.getLocalAddress();
            PacketBuffer wire = PacketBuffer.allocate(128, 2048);
            FrontendCounters counters = new FrontendCounters(context.metrics());
            EspDataplane plane = new EspDataplane(context.router, context.clock, (packet, peer, port) -> {
                wire.clear(128);
                wire.append(packet.array(), packet.arrayOffset(), packet.length());
                return endpoint.send(packet.array(), packet.arrayOffset(), packet.length(), peer);
            }, counters);
            plane.install(Fixtures.spec("ike1", OUR_SPI, PEER_SPI, peerAddress, endpoint.local(), 0));
            EspSa peer = Fixtures.peerOf(OUR_SPI, PEER_SPI);
            byte[] up = Fixtures.ipv4("100.64.0.2", "198.18.0.1", 40000, 443, 1400);
            byte[] down = Fixtures.ipv4("198.18.0.1", "100.64.0.2", 443, 40000, 1400);
            Backend sinkBackend = new Backend();
            context.router.bind(java.util.List.of(), sinkBackend);

            throughDataplane(context, plane, peer, wire, up, down, endpoint.port(), PACKETS / 5);
            long before = threads.getCurrentThreadAllocatedBytes();
            throughDataplane(context, plane, peer, wire, up, down, endpoint.port(), PACKETS);
            long ours = (threads.getCurrentThreadAllocatedBytes() - before) / PACKETS;

            EspSa local = new EspSa(Fixtures.ours(OUR_SPI + 1, PEER_SPI + 1));
            EspSa mirror = Fixtures.peerOf(OUR_SPI + 1, PEER_SPI + 1);
            PacketBuffer buffer = PacketBuffer.allocate(128, 2048);
            espAlone(local, mirror, buffer, up, down, PACKETS / 5);
            before = threads.getCurrentThreadAllocatedBytes();
            espAlone(local, mirror, buffer, up, down, PACKETS);
            long baseline = (threads.getCurrentThreadAllocatedBytes() - before) / PACKETS;

            System.out.println("dataplane round trip: " + ours + " B/packet, EspSa alone: " + baseline + " B/packet");
            assertEquals(PACKETS + PACKETS / 5, sinkBackend.count, "every packet reached the backend");
            assertEquals(PACKETS + PACKETS / 5, counters.espOutPackets.value(), "every reply was sent");
            assertTrue(ours - baseline < BOUND_PER_PACKET,
                    "the data plane adds " + (ours - baseline) + " bytes per packet over EspSa alone");
        }
    }

    /** Peer seals, the data plane receives and routes; the network replies, the session seals and sends; peer opens. */
    private static void throughDataplane(TestContext context, EspDataplane plane, EspSa peer, PacketBuffer wire,
            byte[] up, byte[] down, int port, int count) {
        PacketBuffer scratch = PacketBuffer.allocate(128, 2048);
        InetSocketAddress from = (InetSocketAddress) plane.sessions().getFirst().remoteEndpoint();
        for (int i = 0; i < count; i++) {
            scratch.clear(128);
            scratch.append(up, 0, up.length);
            if (!(peer.encrypt(scratch) instanceof EspEncryptResult.Sealed)) {
                throw new AssertionError("peer seal failed at " + i);
            }
            PacketBuffer datagram = context.pool.acquire();
            datagram.append(scratch.array(), scratch.arrayOffset(), scratch.length());
            plane.receive(datagram, from, port);

            PacketBuffer reply = context.pool.acquire();
            reply.append(down, 0, down.length);
            context.router.fromNetwork(reply);
            if (!(peer.decrypt(wire) instanceof EspDecryptResult.Ok)) {
                throw new AssertionError("peer open failed at " + i);
            }
        }
    }

    private static void espAlone(EspSa local, EspSa mirror, PacketBuffer buffer, byte[] up, byte[] down, int count) {
        for (int i = 0; i < count; i++) {
            buffer.clear(128);
            buffer.append(up, 0, up.length);
            if (!(mirror.encrypt(buffer) instanceof EspEncryptResult.Sealed)
                    || !(local.decrypt(buffer) instanceof EspDecryptResult.Ok)) {
                throw new AssertionError("inbound failed at " + i);
            }
            buffer.clear(128);
            buffer.append(down, 0, down.length);
            if (!(local.encrypt(buffer) instanceof EspEncryptResult.Sealed)
                    || !(mirror.decrypt(buffer) instanceof EspDecryptResult.Ok)) {
                throw new AssertionError("outbound failed at " + i);
            }
        }
    }

    /** Counts and releases, allocation-free. */
    private static final class Backend implements dev.quetzal.api.backend.Backend {
        long count;

        @Override
        public void send(PacketBuffer packet) {
            count++;
            packet.release();
        }

        @Override
        public dev.quetzal.api.backend.BackendState state() {
            return new dev.quetzal.api.backend.BackendState.Disconnected("test");
        }

        @Override
        public void close() {}
    }
}
