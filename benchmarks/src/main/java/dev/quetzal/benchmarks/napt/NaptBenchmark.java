package dev.quetzal.benchmarks.napt;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.config.NaptSettings;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.napt.NaptTranslator;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * NAPT per-packet cost (RFC 4787 UDP mapping, RFC 1624 checksum updates) with 10,000 live mappings
 * from 10 clients: each operation copies a 1400-byte UDP datagram into a buffer with headroom (as a
 * receive would), translates it outbound for the next mapping in turn, then copies and translates
 * that mapping's 1400-byte answer inbound. Run from the repository root:
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar NaptBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NaptBenchmark {
    static final int LENGTH = 1400;
    static final int MAPPINGS = 10_000;
    static final int CLIENTS = 10;
    private static final String UPLINK = "198.18.0.7";
    private static final String SERVER = "198.19.0.10";

    private NaptTranslator napt;
    private PacketBuffer buffer;
    private byte[] outbound;
    private byte[] inbound;
    private final int[] clientAddress = new int[MAPPINGS];
    private final int[] clientPort = new int[MAPPINGS];
    private final int[] externalPort = new int[MAPPINGS];
    private int next;

    @Setup
    public void setUp() {
        napt = new NaptTranslator(NaptSettings.defaults().withEnabled(true), TimeSource.SYSTEM,
                new MetricsRegistry().forComponent("napt"));
        napt.setUplinkAddresses(List.of(IpAddress.parse(UPLINK)));
        buffer = PacketBuffer.allocate(128, 2048);
        outbound = udp("100.64.0.2", SERVER, 40000, 443);
        inbound = udp(SERVER, UPLINK, 443, 40000);
        int firstClient = ((Ipv4Address) IpAddress.parse("100.64.0.2")).bits();
        for (int i = 0; i < MAPPINGS; i++) {
            clientAddress[i] = firstClient + i % CLIENTS;
            clientPort[i] = 20000 + i / CLIENTS;
            if (!out(i)) {
                throw new IllegalStateException("mapping " + i + " was refused");
            }
            externalPort[i] = buffer.getUnsignedShort(20);
        }
        if (!in(0) || buffer.getInt(16) != clientAddress[0] || buffer.getUnsignedShort(22) != clientPort[0]) {
            throw new IllegalStateException("the answer does not translate back");
        }
    }

    @Benchmark
    public boolean outboundThenInbound() {
        int i = next;
        next = i + 1 == MAPPINGS ? 0 : i + 1;
        return out(i) & in(i);
    }

    private boolean out(int i) {
        buffer.clear(128);
        buffer.append(outbound, 0, outbound.length);
        buffer.putInt(12, clientAddress[i]);
        buffer.putShort(20, clientPort[i]);
        return napt.outbound(buffer);
    }

    private boolean in(int i) {
        buffer.clear(128);
        buffer.append(inbound, 0, inbound.length);
        buffer.putShort(22, externalPort[i]);
        return napt.inbound(buffer);
    }

    private static byte[] udp(String source, String destination, int sourcePort, int destinationPort) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put((byte) 0x45).put((byte) 0).putShort((short) LENGTH).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(IpAddress.parse(source).toBytes()).put(IpAddress.parse(destination).toBytes())
                .putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (LENGTH - 20))
                .putShort((short) 0x1234);
        return b.array();
    }
}
