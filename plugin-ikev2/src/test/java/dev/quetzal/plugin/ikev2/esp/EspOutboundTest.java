package dev.quetzal.plugin.ikev2.esp;

import static dev.quetzal.plugin.ikev2.esp.EspFixtures.buffer;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv4;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.receiver;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.sender;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outbound processing (RFC 4303 §3.3): limits, refusals that change nothing, and concurrent senders. */
final class EspOutboundTest {
    private static final EspTransform GCM = EspTransform.aesGcm16(256);

    @Test
    @DisplayName("RFC 4303 §3.3.3: without ESN the last sequence number is 2^32-1, then encrypt refuses")
    void refusesBeforeTheCounterWraps() {
        EspSa sa = sender(GCM, false);
        sa.skipOutboundSequenceTo(0xFFFF_FFFEL);
        PacketBuffer last = buffer(ipv4(60, 1));
        assertEquals(EspEncryptResult.Sealed.REKEY_NEEDED, sa.encrypt(last));
        assertEquals(0xFFFF_FFFF, last.getInt(4));
        byte[] inner = ipv4(60, 2);
        PacketBuffer refused = buffer(inner);
        for (int i = 0; i < 3; i++) {
            assertEquals(new EspEncryptResult.Refused(EspRefusal.SEQUENCE_EXHAUSTED), sa.encrypt(refused));
        }
        assertArrayEquals(inner, refused.toByteArray());
        assertEquals(3, sa.refusals(EspRefusal.SEQUENCE_EXHAUSTED));
        assertEquals(0xFFFF_FFFFL, sa.outboundSequence());
    }

    @Test
    @DisplayName("RFC 4303 §3.3.3: with ESN the counter goes past 2^32, the header carries the low 32 bits")
    void esnGoesPast2To32() {
        EspSa sa = sender(GCM, true);
        sa.skipOutboundSequenceTo(0xFFFF_FFFFL);
        PacketBuffer b = buffer(ipv4(60, 1));
        assertEquals(EspEncryptResult.Sealed.FRESH, sa.encrypt(b));
        assertEquals(0, b.getInt(4));
        assertEquals(1L << 32, b.getLong(8));
    }

    @Test
    @DisplayName("RFC 4301 §4.4.2.1: soft limits report rekey needed, the hard byte limit refuses")
    void softAndHardLimits() {
        EspSa sa = sender(GCM, false, new EspLimits(250, 400, 10));
        assertEquals(EspEncryptResult.Sealed.FRESH, sa.encrypt(buffer(ipv4(100, 1))));
        assertFalse(sa.rekeyNeeded());
        assertEquals(EspEncryptResult.Sealed.FRESH, sa.encrypt(buffer(ipv4(100, 2))));
        assertEquals(EspEncryptResult.Sealed.REKEY_NEEDED, sa.encrypt(buffer(ipv4(100, 3))));
        assertTrue(sa.rekeyNeeded());
        assertEquals(new EspEncryptResult.Refused(EspRefusal.LIFETIME_EXPIRED), sa.encrypt(buffer(ipv4(101, 4))));
        assertEquals(EspEncryptResult.Sealed.REKEY_NEEDED, sa.encrypt(buffer(ipv4(100, 5))));
        assertEquals(400, sa.stats().outboundBytes());

        EspSa bySequence = sender(GCM, false, new EspLimits(Long.MAX_VALUE, Long.MAX_VALUE, 10));
        bySequence.skipOutboundSequenceTo(0xFFFF_FFFFL - 12);
        assertEquals(EspEncryptResult.Sealed.FRESH, bySequence.encrypt(buffer(ipv4(40, 1))));
        assertEquals(EspEncryptResult.Sealed.REKEY_NEEDED, bySequence.encrypt(buffer(ipv4(40, 1))));
    }

    @Test
    @DisplayName("RFC 4303 §2.6: only IPv4/IPv6 go into tunnel mode; a buffer without room is refused unchanged")
    void refusalsLeaveTheBufferAlone() {
        EspSa sa = sender(EspTransform.aesCbc(128, EspIntegrity.AUTH_HMAC_SHA2_512_256), false);
        byte[] notIp = ipv4(60, 1);
        notIp[0] = 0x25;
        PacketBuffer b = buffer(notIp);
        assertEquals(new EspEncryptResult.Refused(EspRefusal.NOT_IP), sa.encrypt(b));
        assertArrayEquals(notIp, b.toByteArray());
        assertEquals(new EspEncryptResult.Refused(EspRefusal.NOT_IP), sa.encrypt(PacketBuffer.allocate(64, 64)));

        byte[] inner = ipv4(60, 2);
        PacketBuffer noHead = PacketBuffer.copyOf(inner, sa.headroomNeeded() - 1, 64);
        assertEquals(new EspEncryptResult.Refused(EspRefusal.NO_ROOM), sa.encrypt(noHead));
        assertArrayEquals(inner, noHead.toByteArray());
        PacketBuffer noTail = PacketBuffer.copyOf(inner, 64, 10);
        assertEquals(new EspEncryptResult.Refused(EspRefusal.NO_ROOM), sa.encrypt(noTail));
        assertArrayEquals(inner, noTail.toByteArray());
        assertEquals(2, sa.refusals(EspRefusal.NO_ROOM));
        assertEquals(0, sa.outboundSequence());

        PacketBuffer exact = PacketBuffer.copyOf(inner, sa.headroomNeeded(), sa.tailroomNeeded());
        assertInstanceOf(EspEncryptResult.Sealed.class, sa.encrypt(exact));
    }

    @Test
    @Timeout(30)
    @DisplayName("RFC 4303 §3.3.3: concurrent senders never share a sequence number, and every packet opens")
    void concurrentSendersGetDistinctSequenceNumbers() throws Exception {
        for (EspTransform suite : EspFixtures.SUITES) {
            EspSa sa = sender(suite, false);
            int threads = 4;
            int each = 500;
            List<Future<List<byte[]>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        List<byte[]> out = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            out.add(EspFixtures.seal(sa, ipv4(100, seed * each + i)));
                        }
                        return out;
                    }));
                }
                Set<Integer> seen = new HashSet<>();
                List<byte[]> all = new ArrayList<>();
                for (Future<List<byte[]>> f : results) {
                    all.addAll(f.get());
                }
                // In sequence order, as one receiver would see them if the network kept the order.
                all.sort(java.util.Comparator.comparingInt(esp -> PacketBuffer.copyOf(esp, 0, 0).getInt(4)));
                EspSa peer = receiver(suite, false);
                for (byte[] esp : all) {
                    assertTrue(seen.add(PacketBuffer.copyOf(esp, 0, 0).getInt(4)));
                    assertInstanceOf(EspDecryptResult.Ok.class, peer.decrypt(buffer(esp)), suite.toString());
                }
                assertEquals(threads * each, seen.size());
                assertEquals(threads * each, sa.outboundSequence());
            }
        }
    }
}
