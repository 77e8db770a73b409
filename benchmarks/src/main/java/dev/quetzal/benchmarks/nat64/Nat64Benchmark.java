package dev.quetzal.benchmarks.nat64;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.Nat64Config;
import dev.quetzal.plugin.nat64.Nat64Setup;
import dev.quetzal.plugin.nat64.TranslatedFlows;
import dev.quetzal.plugin.nat64.address.ClientTable;
import dev.quetzal.plugin.nat64.xlat.PacketOutput;
import dev.quetzal.plugin.nat64.xlat.Translation;
import dev.quetzal.plugin.nat64.xlat.Translator;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Stateless NAT64 (RFC 7915) per-packet cost on 1400-byte UDP packets, as the {@code nat64} filter
 * runs it: default Pref64 64:ff9b:1::/96, the client's IPv4 address as source on the way out and
 * the learned client table on the way back.
 *
 * <ul>
 *   <li>{@link #sixToFour}: copy an IPv6 packet into a pooled-size buffer with headroom (as a receive
 *       would), then translate it to IPv4 in place (§5).
 *   <li>{@link #fourToSix}: the same for IPv4 to IPv6 (§4), the header growing into the headroom.
 *   <li>{@link #sixToFourRecorded} and {@link #fourToSixAnswered}: the same with the filter's flow table, which a
 *       dual-stack client needs (its own IPv4 flows pass untouched), holding 10,000 other flows.
 * </ul>
 *
 * Issue 5 goal: at least 5 million packets/s per core each way, no allocation per packet. Run from
 * the repository root:
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar Nat64Benchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Nat64Benchmark {
    static final int LENGTH = 1400;
    private static final String CLIENT6 = "2001:db8:1::2";
    private static final String CLIENT4 = "100.64.0.2";
    private static final String SERVER6 = "64:ff9b:1::c612:1";
    private static final String SERVER4 = "198.18.0.1";

    /** Live flows besides the benchmark's own, so that lookups probe a realistically filled table. */
    private static final int OTHER_FLOWS = 10_000;

    private Translator translator;
    private final TranslatedFlows flows = new TranslatedFlows();
    private PacketBuffer buffer;
    private byte[] ipv6;
    private byte[] ipv4;
    private long clientIpv4;
    private final PacketOutput noFragments = new PacketOutput() {
        @Override
        public PacketBuffer acquire() {
            return null;
        }

        @Override
        public void emit(PacketBuffer packet) {
            packet.release();
        }
    };

    @Setup
    public void setUp() {
        ClientTable clients = new ClientTable();
        Ipv6Address client6 = (Ipv6Address) IpAddress.parse(CLIENT6);
        clientIpv4 = ((Ipv4Address) IpAddress.parse(CLIENT4)).bits() & 0xFFFFFFFFL;
        clients.learn((int) clientIpv4, client6.high(), client6.low(), "alice");
        translator = Nat64Setup.translator(new Nat64Config(null), clients, System::nanoTime);
        buffer = PacketBuffer.allocate(128, 2048);
        ipv6 = udp6();
        ipv4 = udp4();
        if (sixToFour() != Translation.TRANSLATED || fourToSix() != Translation.TRANSLATED) {
            throw new IllegalStateException("the benchmark packets do not translate");
        }
        fillFlows();
        if (sixToFourRecorded() != Translation.TRANSLATED || fourToSixAnswered() != Translation.TRANSLATED) {
            throw new IllegalStateException("the benchmark flow is not recognised");
        }
    }

    @Benchmark
    public Translation sixToFour() {
        buffer.clear(128);
        buffer.append(ipv6, 0, ipv6.length);
        return translator.toIpv4(buffer, clientIpv4);
    }

    @Benchmark
    public Translation fourToSix() {
        buffer.clear(128);
        buffer.append(ipv4, 0, ipv4.length);
        return translator.toIpv6(buffer, noFragments);
    }

    /**
     * The filter's path for a dual-stack client: the IPv6 packet translated, then its flow recorded (RFC 7915 §4: only
     * IPv4 answering such a flow goes back as IPv6).
     */
    @Benchmark
    public Translation sixToFourRecorded() {
        Translation t = sixToFour();
        flows.recordOutbound(buffer, System.nanoTime());
        return t;
    }

    /** The filter's path back: the flow looked up, then the IPv4 packet translated. */
    @Benchmark
    public Translation fourToSixAnswered() {
        buffer.clear(128);
        buffer.append(ipv4, 0, ipv4.length);
        if (flows.answers(buffer, System.nanoTime()) != TranslatedFlows.TRANSLATED) {
            throw new IllegalStateException("the flow was forgotten");
        }
        return translator.toIpv6(buffer, noFragments);
    }

    private void fillFlows() {
        PacketBuffer other = PacketBuffer.allocate(128, 2048);
        byte[] bytes = udp4().clone();
        // The recorded direction is client (source) to server (destination): swap the answer's addresses.
        System.arraycopy(IpAddress.parse(CLIENT4).toBytes(), 0, bytes, 12, 4);
        for (int i = 0; i < OTHER_FLOWS; i++) {
            System.arraycopy(new byte[] {(byte) 198, 18, (byte) (i >> 8), (byte) i}, 0, bytes, 16, 4);
            other.clear(128);
            other.append(bytes, 0, bytes.length);
            flows.recordOutbound(other, System.nanoTime());
        }
    }

    private static byte[] udp6() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(0x60000000).putShort((short) (LENGTH - 40)).put((byte) 17).put((byte) 64)
                .put(IpAddress.parse(CLIENT6).toBytes()).put(IpAddress.parse(SERVER6).toBytes())
                .putShort((short) 40000).putShort((short) 443).putShort((short) (LENGTH - 40)).putShort((short) 0x1234);
        return b.array();
    }

    private static byte[] udp4() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put((byte) 0x45).put((byte) 0).putShort((short) LENGTH).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(IpAddress.parse(SERVER4).toBytes()).put(IpAddress.parse(CLIENT4).toBytes())
                .putShort((short) 443).putShort((short) 40000).putShort((short) (LENGTH - 20)).putShort((short) 0x1234);
        byte[] p = b.array();
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (p[i] & 0xFF) << 8 | (p[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        p[10] = (byte) (~sum >>> 8);
        p[11] = (byte) ~sum;
        return p;
    }
}
