package dev.quetzal.plugin.ikev2.esp;

import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv4;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.receiver;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data path's no-allocation rule (DESIGN.md "Data path", like gateway-runtime's RouterAllocationTest):
 * after warm-up, encrypting and decrypting 100 000 packets of 1400 bytes in one reused buffer allocates
 * no copy of the packet on the calling thread. The AEAD bounds are loose on purpose: SunJCE must be
 * re-initialised per nonce and builds its engine objects at each init (it takes the nonce only through a
 * new parameter spec); CBC+HMAC is initialised once and allocates next to nothing. Counts bytes, not time.
 * RFC 4303 §3.3/§3.4 processing.
 */
final class EspAllocationTest {
    private static final int PACKETS = 100_000;
    /**
     * Bytes per packet (encrypt + decrypt) allowed. Measured on JDK 25: GCM about 2.2 KB and ChaCha20-Poly1305
     * about 4.5 KB (SunJCE's per-init engine objects, GHASH/Poly1305 state and AAD buffer), CBC+HMAC 32 B. A
     * copy of the packet per call (1.4 KB or more) would exceed each bound.
     */
    private static long bound(EspEncryption encryption) {
        return switch (encryption) {
            case AES_GCM_16 -> 3 * 1024;
            case CHACHA20_POLY1305 -> 5 * 1024 + 512;
            case AES_CBC -> 256;
        };
    }

    /** One suite per cipher class: the HMAC variants share CBC's code path. */
    static java.util.stream.Stream<EspTransform> oneSuitePerCipher() {
        return java.util.stream.Stream.of(EspTransform.aesGcm16(256),
                EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_256_128), EspTransform.chaCha20Poly1305());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneSuitePerCipher")
    void steadyStateAllocatesLittlePerPacket(EspTransform suite) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EspSa local = sender(suite, true);
        EspSa peer = receiver(suite, true);
        byte[] inner = ipv4(1400, 1);
        PacketBuffer buffer = PacketBuffer.allocate(64, 1400 + 64);

        run(local, peer, inner, buffer, PACKETS / 5);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(local, peer, inner, buffer, PACKETS);
        long perPacket = (threads.getCurrentThreadAllocatedBytes() - before) / PACKETS;

        long bound = bound(suite.encryption());
        System.out.println("allocation " + suite + ": " + perPacket + " bytes per packet (encrypt + decrypt)");
        assertTrue(perPacket < bound, suite + " allocated " + perPacket + " bytes per packet");
        assertEquals(PACKETS + PACKETS / 5, peer.stats().inboundPackets());
    }

    private static void run(EspSa local, EspSa peer, byte[] inner, PacketBuffer buffer, int count) {
        for (int i = 0; i < count; i++) {
            buffer.clear(64);
            buffer.append(inner, 0, inner.length);
            if (!(local.encrypt(buffer) instanceof EspEncryptResult.Sealed)
                    || !(peer.decrypt(buffer) instanceof EspDecryptResult.Ok)) {
                throw new AssertionError("packet " + i + " did not go through");
            }
        }
    }
}
