package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.corpus.Corpus;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of real captured strongSwan 5.9.8 datagrams ({@link Corpus}) through the gateway's receive path
 * ({@link ReceivePath}: dispatcher, IKE engine with fragment reassembly, ESP data plane). For every datagram, every
 * prefix and thousands of seeded mutations: nothing throws out of the dispatcher, nothing fails inside the engine, the
 * datagram leaves a trace in a counter named by its reason, no IKE or ESP SA is created or changed except by an
 * IKE_SA_INIT request that is still valid, and responses are never answered.
 */
@Timeout(120)
@DisplayName("RFC 7296 §2.21, §3.1-3.2; RFC 3948 §2.2; RFC 4303 §3.4.3; RFC 7383 §2.6: captured datagrams, mutated")
final class CorpusMutationTest {
    private static final int MUTATIONS_PER_DATAGRAM = 2000;

    @TempDir
    Path folder;

    private ReceivePath path;

    @BeforeEach
    void prime() throws Exception {
        path = new ReceivePath(folder).prime();
    }

    @AfterEach
    void close() {
        path.close();
    }

    private static boolean isInitRequest(Corpus.Datagram d) {
        return d.description().startsWith("IKE_SA_INIT MID=00 Initiator Request");
    }

    /** Delivers {@code bytes} and checks the invariants; returns the counters that moved. */
    private Map<String, Long> deliverChecked(Corpus.Datagram d, byte[] bytes, String what) {
        Map<String, Long> before = path.ledger();
        Set<String> sas = path.saState();
        assertDoesNotThrow(() -> path.deliver(d, bytes), what);
        Map<String, Long> after = path.ledger();
        assertEquals(0L, after.getOrDefault("engine.internal_error", 0L), what + ": the engine failed inside");
        assertEquals(0L, after.getOrDefault("frontend.engineErrors", 0L), what + ": the engine threw");
        assertNotEquals(before, after, what + ": neither processed nor counted");
        Set<String> changed = new TreeSet<>(path.saState());
        if (!changed.equals(sas)) {
            // Only a still-valid IKE_SA_INIT request may add a half-open SA (RFC 7296 §1.2), and it is answered.
            assertTrue(isInitRequest(d), what + ": SA state changed: " + sas + " -> " + changed);
            assertEquals(before.getOrDefault("engine.ike_sa_init_answered", 0L) + 1,
                    after.getOrDefault("engine.ike_sa_init_answered", 0L), what);
            changed.removeAll(sas);
            assertEquals(1, changed.size(), what + ": " + changed);
            assertTrue(changed.iterator().next().contains("AUTHENTICATING"), what + ": " + changed);
        }
        return diff(before, after);
    }

    private static Map<String, Long> diff(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    @Test
    @DisplayName("RFC 7296 §2.21.4, RFC 7383 §2.6, RFC 4303 §3.4.4: each captured datagram replayed is dropped for its"
            + " reason, and only requests are answered")
    void replayedCapture() {
        for (Corpus.Datagram d : Corpus.strongSwan()) {
            int sentBefore = path.sentCount();
            Map<String, Long> moved = deliverChecked(d, path.aimed(d), d.toString());
            String expected;
            if (d.isKeepalive()) {
                expected = "frontend.natKeepalives";
            } else if (d.isEsp()) {
                expected = d.fromClient() ? "esp.auth-failed" : "esp.unknown-spi";
            } else if (!d.fromClient()) {
                expected = "engine.unknown_spi";
            } else if (isInitRequest(d)) {
                expected = "engine.init_retransmit_answered";
            } else if (d.description().contains("fragment")) {
                expected = "fragment.integrity_failure";
            } else {
                expected = "engine.message_id_outside_window";
            }
            assertEquals(Map.of(expected, 1L), withoutAnswers(moved), d.toString());
            boolean answered = path.sentCount() > sentBefore;
            assertEquals(isInitRequest(d), answered, d + ": answered only as a retransmitted IKE_SA_INIT");
        }
        assertEquals(256, path.context.pool.available(), "every pooled buffer came back");
    }

    private static Map<String, Long> withoutAnswers(Map<String, Long> moved) {
        Map<String, Long> out = new TreeMap<>(moved);
        out.keySet().removeIf(k -> k.startsWith("engine.error_answer"));
        return out;
    }

    @Test
    @DisplayName("RFC 7296 §3.1, RFC 3948 §2.2, RFC 4303 §3.4.3: every prefix of every datagram is dropped and counted"
            + " by the reason its length gives")
    void everyPrefix() {
        for (Corpus.Datagram d : Corpus.strongSwan()) {
            byte[] whole = path.aimed(d);
            int marker = ReceivePath.ikeOffset(d);
            for (int length = 0; length < whole.length; length++) {
                String what = d + " cut to " + length;
                Map<String, Long> moved = withoutAnswers(deliverChecked(d, Arrays.copyOf(whole, length), what));
                String expected;
                if (length == 1 && whole[0] == (byte) 0xFF) {
                    // RFC 3948 §2.3: one 0xFF byte is a keepalive on any port (this SPIi starts with 0xFF)
                    expected = "frontend.natKeepalives";
                } else if (length == 0 || (d.isIke() && length < marker) || (d.isEsp() && length < 8)) {
                    expected = "frontend.malformedDatagrams";
                } else if (d.isIke() && length < marker + IkeHeader.SIZE) {
                    expected = "engine.malformed_short";
                } else if (d.isIke()) {
                    expected = "engine.malformed_length";
                } else {
                    expected = null;
                }
                if (expected != null) {
                    assertEquals(Map.of(expected, 1L), moved, what);
                } else {
                    assertEquals(1, moved.size(), what + ": " + moved);
                    assertTrue(moved.keySet().iterator().next().startsWith("esp."), what + ": " + moved);
                }
            }
        }
        assertEquals(256, path.context.pool.available(), "every pooled buffer came back");
    }

    @Test
    @DisplayName("RFC 7296 §3.1, §3.2, §2.5, §2.21.4: length fields 0, short and huge, a higher version, swapped SPIs,"
            + " other payload types")
    void targetedMutations() {
        for (Corpus.Datagram d : Corpus.strongSwan(Corpus.Datagram::isIke)) {
            byte[] whole = path.aimed(d);
            int at = ReceivePath.ikeOffset(d);
            for (long length : new long[] {0, 27, whole.length - at - 1L, whole.length - at + 1L, 0xFFFF_FFFFL}) {
                byte[] m = whole.clone();
                ByteBuffer.wrap(m).putInt(at + 24, (int) length);
                assertEquals(Map.of("engine.malformed_length", 1L),
                        withoutAnswers(deliverChecked(d, m, d + " length " + length)));
            }
            for (int payloadLength : new int[] {0, 3, 0xFFFF}) {
                byte[] m = whole.clone();
                ByteBuffer.wrap(m).putShort(at + IkeHeader.SIZE + 2, (short) payloadLength);
                assertEquals(Map.of("engine.malformed_payload", 1L),
                        withoutAnswers(deliverChecked(d, m, d + " first payload length " + payloadLength)));
            }
            byte[] version = whole.clone();
            version[at + 17] = 0x30;
            assertEquals(Map.of("engine.invalid_major_version", 1L),
                    withoutAnswers(deliverChecked(d, version, d + " version 3")));
            byte[] swapped = whole.clone();
            ByteBuffer buffer = ByteBuffer.wrap(swapped);
            long spiI = buffer.getLong(at);
            buffer.putLong(at, buffer.getLong(at + 8)).putLong(at + 8, spiI);
            Map<String, Long> moved = deliverChecked(d, swapped, d + " SPIs swapped");
            if (!isInitRequest(d)) {
                assertEquals(Map.of("engine.unknown_spi", 1L), withoutAnswers(moved), d + " SPIs swapped");
            }
            for (int type : new int[] {0, 1, 33, 46, 53, 200, 255}) {
                byte[] m = whole.clone();
                m[at + 16] = (byte) type;
                deliverChecked(d, m, d + " first payload type " + type);
            }
        }
    }

    @Test
    @DisplayName("RFC 7296 §2.21, RFC 7383 §2.6, RFC 4303 §3.4.3: seeded random mutations of each captured datagram")
    void seededMutations() {
        for (Corpus.Datagram d : Corpus.strongSwan()) {
            Random random = new Random(7296L * 31 + d.number());
            byte[] whole = path.aimed(d);
            for (int i = 0; i < MUTATIONS_PER_DATAGRAM; i++) {
                byte[] m = mutate(whole, ReceivePath.ikeOffset(d), d.isIke(), random);
                deliverChecked(d, m, d + " mutation " + i);
            }
        }
        assertEquals(0, path.counters.engineErrors.value());
        assertEquals(256, path.context.pool.available(), "every pooled buffer came back");
    }

    /** One seeded mutation: bit flips, a byte set, length fields, types, SPIs, truncation or extension. */
    static byte[] mutate(byte[] original, int at, boolean ike, Random random) {
        byte[] m = original.clone();
        ByteBuffer buffer = ByteBuffer.wrap(m);
        switch (random.nextInt(8)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    int bit = random.nextInt(m.length * 8);
                    m[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            case 2 -> {
                if (ike && m.length >= at + IkeHeader.SIZE) {
                    int[] choices = {0, random.nextInt(m.length), m.length - at + 1 + random.nextInt(1000), -1};
                    buffer.putInt(at + 24, choices[random.nextInt(choices.length)]);
                } else {
                    m[random.nextInt(m.length)] ^= (byte) 0xFF;
                }
            }
            case 3 -> {
                // a payload length field: somewhere 2 bytes after a plausible generic payload header
                if (ike && m.length >= at + IkeHeader.SIZE + 4) {
                    int field = at + IkeHeader.SIZE + 2 + random.nextInt(Math.max(1, m.length - at - IkeHeader.SIZE - 3));
                    int[] choices = {0, 3, 4, random.nextInt(0x10000), 0xFFFF};
                    buffer.putShort(Math.min(field, m.length - 2), (short) choices[random.nextInt(choices.length)]);
                } else {
                    m[random.nextInt(m.length)] = 0;
                }
            }
            case 4 -> {
                // next-payload types: the header's, or the first payload's
                if (ike && m.length >= at + IkeHeader.SIZE + 1) {
                    m[at + (random.nextBoolean() ? 16 : IkeHeader.SIZE)] = (byte) random.nextInt(256);
                } else {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
            }
            case 5 -> {
                if (ike && m.length >= at + 16) {
                    long spiI = buffer.getLong(at);
                    buffer.putLong(at, buffer.getLong(at + 8)).putLong(at + 8, spiI);
                } else if (m.length >= 4) {
                    buffer.putInt(0, random.nextInt());
                }
            }
            case 6 -> {
                return Arrays.copyOf(m, random.nextInt(m.length + 1));
            }
            default -> {
                byte[] longer = Arrays.copyOf(m, m.length + 1 + random.nextInt(64));
                for (int i = m.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            }
        }
        return m;
    }
}
