package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.esp.CraftedEsp;
import dev.quetzal.plugin.ikev2.esp.EspDropReason;
import dev.quetzal.plugin.ikev2.esp.EspIntegrity;
import dev.quetzal.plugin.ikev2.esp.EspKeys;
import dev.quetzal.plugin.ikev2.esp.EspLimits;
import dev.quetzal.plugin.ikev2.esp.EspSaConfig;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/**
 * The ESP receive path as the gateway's socket on 4500 hands it a datagram (RFC 3948 §2): {@link DatagramDispatcher},
 * then {@link EspDataplane} (SPI lookup, ICV, replay window, decryption, trailer and inner-packet checks, selectors)
 * and the router, with two installed Child SAs of fixed keys: AES-GCM-16 (RFC 4106) and AES-CBC with
 * HMAC-SHA-256-128 (RFC 3602, RFC 4868).
 *
 * <p>Input: octet 0 picks the SA (bit 0) and the mode ((octet 0 >> 1) % 3): 0, an authentic packet with sequence
 * number octets 1-4 whose decrypted text is the rest (inner packet, padding, Pad Length, Next Header; zero-extended
 * to whole blocks for CBC); 1, the rest as a datagram from someone without the keys (octets 1-4 replaced by the SA's
 * SPI when bit 3 is set); 2, as 0, delivered twice. Every datagram is counted exactly once; only authentic packets
 * with a valid trailer and inner packet reach the router, exactly as sent, and only once; afterwards the SA still
 * takes the next genuine packet.
 */
@DisplayName("RFC 4303 §3.4, RFC 3948 §2, RFC 4301 §5.2: ESP receive path, fuzzed (issue 8 fuzzing)")
final class EspDataplaneFuzzTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 4500);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 4500);
    private static final EspTransform CBC = EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_256_128);
    private static final int GCM_SPI = 0xC001_0001;
    private static final int CBC_SPI = 0xC001_0002;
    private static final int NEXT_IPV4 = 4;
    private static final int NEXT_IPV6 = 41;

    private record Sa(int spi, EspTransform transform, EspKeys peerKeys) {
    }

    private final Sa gcm = new Sa(GCM_SPI, Fixtures.GCM, Fixtures.keys(GCM_SPI));
    private final Sa cbc = new Sa(CBC_SPI, CBC, new EspKeys(filled(32, 0x3C), filled(32, 0x7B)));

    @FuzzTest
    @DisplayName("RFC 4303 §3.4: every datagram counted once; only authentic, well-formed, fresh packets delivered")
    void receive(byte[] input) {
        if (input.length < 5) {
            return;
        }
        try (TestContext context = new TestContext()) {
            FrontendCounters counters = new FrontendCounters(context.metrics());
            EspDataplane plane = new EspDataplane(context.router, context.clock, (packet, peer, port) -> true,
                    counters);
            DatagramDispatcher dispatcher = new DatagramDispatcher(plane, counters);
            InstalledSa gcmSa = (InstalledSa) plane.install(Fixtures.spec("ike1", GCM_SPI, 0xBEEF_0001, PEER, LOCAL,
                    0));
            EspSaConfig cbcConfig = new EspSaConfig(CBC_SPI, 0xBEEF_0002, CBC, cbc.peerKeys(),
                    new EspKeys(filled(32, 0x11), filled(32, 0x22)), false, EspLimits.DEFAULT);
            InstalledSa cbcSa = (InstalledSa) plane.install(new ChildSaSpec("ike1", "client1@vpn.test", cbcConfig,
                    PEER, LOCAL, Fixtures.ALL, Fixtures.CLIENT_ONLY, List.of(Fixtures.CLIENT, Fixtures.CLIENT6), 0));
            Path path = new Path(context, counters, dispatcher);
            Sa sa = (input[0] & 1) == 0 ? gcm : cbc;
            long sequence = ByteBuffer.wrap(input, 1, 4).getInt() & 0xFFFF_FFFFL;
            byte[] rest = Arrays.copyOfRange(input, 5, input.length);
            switch (((input[0] & 0xFF) >> 1) % 3) {
                case 0 -> path.authentic(sa, sequence, rest);
                case 1 -> {
                    byte[] datagram = Arrays.copyOfRange(input, 1, input.length);
                    if ((input[0] & 8) != 0) {
                        ByteBuffer.wrap(datagram).putInt(0, sa.spi());
                    }
                    assertEquals(0, path.deliver(datagram).size(), "a datagram made without the keys was delivered");
                }
                default -> {
                    boolean first = path.authentic(sa, sequence, rest);
                    byte[] again = CraftedEsp.craft(sa.transform(), sa.peerKeys(), sa.spi(), sequence, text(sa, rest));
                    assertEquals(0, path.deliver(again).size(), "a replayed packet was delivered again");
                    if (first) {
                        assertEquals(1, context.dropped("replay"), "the replay is counted as one");
                    }
                }
            }
            path.stillTakesGenuine(sa == gcm ? gcmSa : cbcSa, sa);
            assertEquals(256, context.pool.available(), "every pooled buffer came back");
        }
    }

    /** The dispatcher, the router's output and the counters of one run. */
    private record Path(TestContext context, FrontendCounters counters, DatagramDispatcher dispatcher) {
        /** Delivers {@code datagram} and returns what reached the network; checks it was counted exactly once. */
        List<byte[]> deliver(byte[] datagram) {
            long before = outcomes();
            PacketBuffer buffer = context.pool.acquire();
            if (datagram.length > buffer.tailroom()) {
                buffer.release();
                buffer = PacketBuffer.allocate(0, datagram.length);
            }
            buffer.append(datagram, 0, datagram.length);
            dispatcher.dispatch(buffer, PEER, LOCAL.getPort(), LOCAL);
            assertEquals(before + 1, outcomes(), "a datagram is counted exactly once");
            List<byte[]> out = List.copyOf(context.toNetwork);
            context.toNetwork.clear();
            return out;
        }

        /** Sends an authentic packet with this decrypted text; checks what arrived; returns whether it did. */
        boolean authentic(Sa sa, long sequence, byte[] rest) {
            byte[] text = text(sa, rest);
            List<byte[]> out = deliver(CraftedEsp.craft(sa.transform(), sa.peerKeys(), sa.spi(), sequence, text));
            if (out.isEmpty()) {
                return false;
            }
            assertEquals(1, out.size());
            // RFC 4303 §2.4-2.6: Pad Length and Next Header end the text; the padding reads 1, 2, 3...
            int padLength = text[text.length - 2] & 0xFF;
            int nextHeader = text[text.length - 1] & 0xFF;
            int innerLength = text.length - 2 - padLength;
            assertTrue(innerLength >= 0, "delivered although the padding runs past the payload");
            for (int i = 0; i < padLength; i++) {
                assertEquals(i + 1, text[innerLength + i] & 0xFF, "delivered with padding octets not 1, 2, 3...");
            }
            byte[] packet = out.getFirst();
            int version = (packet[0] & 0xFF) >> 4;
            assertTrue(version == 4 && nextHeader == NEXT_IPV4 || version == 6 && nextHeader == NEXT_IPV6,
                    "IP version " + version + " delivered for Next Header " + nextHeader);
            assertTrue(packet.length <= innerLength, "delivered more than the inner packet");
            assertArrayEquals(Arrays.copyOf(text, packet.length), packet, "delivered other octets than sent");
            return true;
        }

        /** A genuine packet numbered just above the window's top still passes: nothing above broke the SA. */
        void stillTakesGenuine(InstalledSa installed, Sa sa) {
            long next = installed.esp.inboundHighestSequence() + 1;
            if (next > 0xFFFF_FFFFL) {
                return;
            }
            byte[] inner = Fixtures.ipv4("100.64.0.2", "198.18.0.1");
            int block = sa.transform() == CBC ? 16 : 4;
            int padLength = (block - (inner.length + 2) % block) % block;
            byte[] text = Arrays.copyOf(inner, inner.length + padLength + 2);
            for (int i = 0; i < padLength; i++) {
                text[inner.length + i] = (byte) (i + 1);
            }
            text[text.length - 2] = (byte) padLength;
            text[text.length - 1] = NEXT_IPV4;
            List<byte[]> out = deliver(CraftedEsp.craft(sa.transform(), sa.peerKeys(), sa.spi(), next, text));
            assertEquals(1, out.size(), "a genuine packet after the fuzzed one was not delivered");
            assertArrayEquals(inner, out.getFirst());
        }

        private long outcomes() {
            long sum = counters.espInPackets.value() + counters.unknownSpi.value() + counters.wrongPort.value()
                    + counters.tsViolation.value() + counters.malformedDatagrams.value()
                    + counters.natKeepalives.value() + counters.ikeDatagrams.value();
            for (EspDropReason reason : EspDropReason.values()) {
                sum += counters.drop(reason).value();
            }
            return sum;
        }
    }

    private static byte[] text(Sa sa, byte[] rest) {
        return sa.transform() == CBC ? Arrays.copyOf(rest, (rest.length + 15) / 16 * 16) : rest;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
