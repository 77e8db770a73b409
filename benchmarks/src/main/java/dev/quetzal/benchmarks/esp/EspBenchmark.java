package dev.quetzal.benchmarks.esp;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.esp.EspDecryptResult;
import dev.quetzal.plugin.ikev2.esp.EspEncryptResult;
import dev.quetzal.plugin.ikev2.esp.EspIntegrity;
import dev.quetzal.plugin.ikev2.esp.EspKeys;
import dev.quetzal.plugin.ikev2.esp.EspLimits;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import dev.quetzal.plugin.ikev2.esp.EspSaConfig;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import dev.quetzal.plugin.ikev2.esp.UdpEncapsulation;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ESP per-packet cost on 1400-byte inner packets (RFC 4303, tunnel mode), SunJCE on heap arrays:
 *
 * <ul>
 *   <li>{@link #encrypt}: copy the inner packet into a reused buffer (as a TLS read would), then seal it.
 *   <li>{@link #decrypt}: copy one of {@value #RING} pre-encrypted packets into the buffer (as a UDP receive
 *       would), then open it. Every {@value #RING} packets the sequence numbers repeat, so the inbound SA is
 *       replaced by a fresh one (its replay window would drop them); that costs one SA set-up per
 *       {@value #RING} packets.
 *   <li>{@link #receivePath}: the whole receive path without system calls: copy, RFC 3948 classification,
 *       SPI lookup in a primitive map of {@value #SAS} SAs, replay check, decrypt, and a traffic-selector
 *       stub (inner source = the client's address, destination inside 198.18.0.0/15). Traffic rotates over
 *       {@value #HOT} of the SAs, which are replaced every {@value #HOT_RING} packets as above.
 *   <li>{@link #saSetUp}: what one such replacement costs, to judge the share it takes in the two above.
 * </ul>
 *
 * Issue 4 goals: at least 800k packets/s per core for AES-GCM-256 encrypt and decrypt, 600k for the receive
 * path. Run from the repository root:
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar EspBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EspBenchmark {
    static final int LENGTH = 1400;
    static final int RING = 1024;
    static final int SAS = 1000;
    static final int HOT = 4;
    static final int HOT_RING = 2048;
    private static final int CLIENT = 0x6440_0002;
    private static final int NETWORK = 0xC612_0000;
    private static final int NETWORK_MASK = 0xFFFE_0000;
    private static final int SPI_BASE = 0x4000_0000;

    @Param({"AES_GCM_256", "CHACHA20_POLY1305", "AES_CBC_256_HMAC_SHA2_256"})
    public String suite;

    private EspTransform transform;
    private byte[] inner;
    private PacketBuffer buffer;
    private EspSa sender;
    private EspSa receiver;
    private byte[][] ring;
    private int next;
    private SpiMap map;
    private EspSa[] hotSenders;
    private byte[][] hotRing;
    private int hotNext;
    private long failures;

    @Setup
    public void setUp() {
        transform = switch (suite) {
            case "AES_GCM_256" -> EspTransform.aesGcm16(256);
            case "CHACHA20_POLY1305" -> EspTransform.chaCha20Poly1305();
            case "AES_CBC_256_HMAC_SHA2_256" -> EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_256_128);
            default -> throw new IllegalArgumentException("unknown suite " + suite);
        };
        inner = ipv4Packet();
        buffer = PacketBuffer.allocate(64, LENGTH + 128);
        sender = pair(SPI_BASE, true);
        receiver = pair(SPI_BASE, false);
        ring = sealRing(sender, RING);

        map = new SpiMap(SAS * 2);
        for (int i = 0; i < SAS; i++) {
            map.put(SPI_BASE + i, pair(SPI_BASE + i, false));
        }
        hotSenders = new EspSa[HOT];
        hotRing = new byte[HOT_RING][];
        for (int h = 0; h < HOT; h++) {
            hotSenders[h] = pair(SPI_BASE + h * (SAS / HOT), true);
        }
        for (int i = 0; i < HOT_RING; i++) {
            hotRing[i] = seal(hotSenders[i % HOT]);
        }
    }

    @Benchmark
    public EspEncryptResult encrypt() {
        buffer.clear(64);
        buffer.append(inner, 0, LENGTH);
        EspEncryptResult result = sender.encrypt(buffer);
        if (!(result instanceof EspEncryptResult.Sealed)) {
            failures++;
        }
        return result;
    }

    @Benchmark
    public EspDecryptResult decrypt() {
        if (next == RING) {
            next = 0;
            receiver = pair(SPI_BASE, false);
        }
        byte[] esp = ring[next++];
        buffer.clear(64);
        buffer.append(esp, 0, esp.length);
        EspDecryptResult result = receiver.decrypt(buffer);
        if (!(result instanceof EspDecryptResult.Ok)) {
            failures++;
        }
        return result;
    }

    @Benchmark
    public EspSa saSetUp() {
        return pair(SPI_BASE, false);
    }

    @Benchmark
    public int receivePath() {
        if (hotNext == HOT_RING) {
            hotNext = 0;
            for (int h = 0; h < HOT; h++) {
                int spi = SPI_BASE + h * (SAS / HOT);
                map.put(spi, pair(spi, false));
            }
        }
        byte[] datagram = hotRing[hotNext++];
        buffer.clear(64);
        buffer.append(datagram, 0, datagram.length);
        EspSa sa = UdpEncapsulation.classify(buffer, 4500, 4500) == UdpEncapsulation.Kind.ESP
                ? map.get(UdpEncapsulation.spi(buffer))
                : null;
        if (sa == null || !(sa.decrypt(buffer) instanceof EspDecryptResult.Ok) || !selectorAccepts(buffer)) {
            failures++;
            return -1;
        }
        return buffer.length();
    }

    /** Refuses a result that measured the drop path: every packet must have been sealed or accepted. */
    @TearDown
    public void checkNothingFailed() {
        if (failures != 0) {
            throw new IllegalStateException(failures + " packets were refused or dropped: the figures are invalid");
        }
    }

    /** Traffic-selector stub: the client's own source address, a destination inside the published route. */
    private static boolean selectorAccepts(PacketBuffer packet) {
        return packet.ipVersion() == 4 && packet.getInt(12) == CLIENT && (packet.getInt(16) & NETWORK_MASK) == NETWORK;
    }

    private EspSa pair(int spi, boolean sending) {
        EspKeys toUs = keys(1);
        EspKeys toPeer = keys(2);
        // The sender's outbound SPI is the receiver's inbound SPI, and the keys cross over.
        return sending
                ? new EspSa(new EspSaConfig(spi + 0x1000_0000, spi, transform, toPeer, toUs, false, EspLimits.DEFAULT))
                : new EspSa(new EspSaConfig(spi, spi + 0x1000_0000, transform, toUs, toPeer, false, EspLimits.DEFAULT));
    }

    private EspKeys keys(int seed) {
        Random random = new Random(seed);
        byte[] encryption = new byte[transform.encryptionKeyLength()];
        byte[] integrity = new byte[transform.integrity().keyLength()];
        random.nextBytes(encryption);
        random.nextBytes(integrity);
        return new EspKeys(encryption, integrity);
    }

    private byte[][] sealRing(EspSa sa, int count) {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = seal(sa);
        }
        return out;
    }

    private byte[] seal(EspSa sa) {
        PacketBuffer b = PacketBuffer.allocate(64, LENGTH + 128);
        b.append(inner, 0, LENGTH);
        if (!(sa.encrypt(b) instanceof EspEncryptResult.Sealed)) {
            throw new IllegalStateException("could not seal a benchmark packet");
        }
        return b.toByteArray();
    }

    private static byte[] ipv4Packet() {
        byte[] p = new byte[LENGTH];
        new Random(7).nextBytes(p);
        p[0] = 0x45;
        p[1] = 0;
        p[2] = (byte) (LENGTH >>> 8);
        p[3] = (byte) LENGTH;
        p[9] = 17;
        putInt(p, 12, CLIENT);
        putInt(p, 16, NETWORK | 1);
        return p;
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    /** Open addressing, int keys, linear probing: an SPI lookup without boxing. */
    static final class SpiMap {
        private final int[] keys;
        private final EspSa[] values;
        private final int mask;

        SpiMap(int capacity) {
            int size = Integer.highestOneBit(capacity - 1) << 1;
            keys = new int[size];
            values = new EspSa[size];
            mask = size - 1;
        }

        void put(int spi, EspSa sa) {
            int i = mix(spi) & mask;
            while (values[i] != null && keys[i] != spi) {
                i = (i + 1) & mask;
            }
            keys[i] = spi;
            values[i] = sa;
        }

        EspSa get(int spi) {
            int i = mix(spi) & mask;
            while (values[i] != null) {
                if (keys[i] == spi) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return null;
        }

        private static int mix(int spi) {
            int h = spi * 0x9E37_79B9;
            return h ^ (h >>> 16);
        }
    }
}
