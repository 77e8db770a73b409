package dev.quetzal.benchmarks;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.router.DefaultPacketBufferPool;
import dev.quetzal.runtime.router.DefaultPacketRouter;
import dev.quetzal.runtime.router.NamedFilter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The router's own cost per packet: a pooled buffer, a 1400-byte IPv4 UDP packet, two pass-through
 * filters, then a backend ({@link #fromClient}) or the session that owns the destination ({@link
 * #fromNetwork}), which release the buffer at once. Each operation writes only the header fields into
 * the reused buffer; the payload is whatever the array already holds, as after a receive into it.
 * {@link #poolOnly} is the acquire/header/release baseline without the router.
 *
 * <p>Goals: at least 5 million packets/s on one core, and {@code gc.alloc.rate.norm} about 0 B/op.
 * Run from the repository root:
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RouterBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouterBenchmark {
    private static final int PACKET_LENGTH = 1400;
    private static final int CLIENT = ((Ipv4Address) IpAddress.parse("100.64.0.2")).bits();
    private static final int REMOTE = ((Ipv4Address) IpAddress.parse("198.18.0.1")).bits();

    private MetricsRegistry metrics;
    private DefaultPacketBufferPool pool;
    private DefaultPacketRouter router;
    private ReleasingBackend backend;
    private ReleasingSession session;
    private int outboundChecksum;
    private int inboundChecksum;

    @Setup
    public void setUp() {
        metrics = new MetricsRegistry();
        pool = new DefaultPacketBufferPool(1024, 64, 2048, metrics.forComponent("pool"));
        router = new DefaultPacketRouter(metrics);
        backend = new ReleasingBackend();
        router.bind(List.of(new NamedFilter("first", new PassFilter()), new NamedFilter("second", new PassFilter())),
                backend);
        session = new ReleasingSession(IpAddress.parse("100.64.0.2"));
        router.attach(session);
        outboundChecksum = checksum(CLIENT, REMOTE);
        inboundChecksum = checksum(REMOTE, CLIENT);
    }

    /** Refuses a result that measured the drop path: every packet must have reached its destination. */
    @TearDown
    public void checkNothingWasDropped() {
        long dropped = metrics.samples().stream()
                .filter(sample -> sample.name().equals("quetzal_packets_dropped_total"))
                .mapToLong(MetricsRegistry.Sample::value)
                .sum();
        if (dropped != 0) {
            throw new IllegalStateException(dropped + " packets were dropped: " + metrics.samples());
        }
        long routed = backend.sent + session.delivered;
        long entered = metrics.samples().stream()
                .filter(sample -> sample.name().equals("quetzal_router_packets_total"))
                .mapToLong(MetricsRegistry.Sample::value)
                .sum();
        if (routed != entered) {
            throw new IllegalStateException(entered + " packets entered the router but " + routed + " came out");
        }
    }

    @Benchmark
    public void fromClient() {
        PacketBuffer packet = pool.acquire();
        writeHeaders(packet, CLIENT, REMOTE, outboundChecksum);
        router.fromClient(session, packet);
    }

    @Benchmark
    public void fromNetwork() {
        PacketBuffer packet = pool.acquire();
        writeHeaders(packet, REMOTE, CLIENT, inboundChecksum);
        router.fromNetwork(packet);
    }

    @Benchmark
    public void poolOnly() {
        PacketBuffer packet = pool.acquire();
        writeHeaders(packet, CLIENT, REMOTE, outboundChecksum);
        packet.release();
    }

    /** IPv4 (RFC 791) and UDP (RFC 768) headers; the checksum is the same for every packet of a direction. */
    private static void writeHeaders(PacketBuffer packet, int source, int destination, int checksum) {
        packet.setLength(PACKET_LENGTH);
        packet.putInt(0, 0x4500_0000 | PACKET_LENGTH);
        packet.putInt(4, 0x0000_4000);
        packet.putInt(8, (64 << 24) | (17 << 16) | checksum);
        packet.putInt(Ipv4Header.SOURCE_OFFSET, source);
        packet.putInt(Ipv4Header.DESTINATION_OFFSET, destination);
        packet.putInt(20, (40_000 << 16) | 4500);
        packet.putInt(24, (PACKET_LENGTH - 20) << 16);
    }

    private static int checksum(int source, int destination) {
        PacketBuffer scratch = PacketBuffer.allocate(0, PACKET_LENGTH);
        writeHeaders(scratch, source, destination, 0);
        return Ipv4Header.computeChecksum(scratch);
    }

    /** Passes every packet, as the cheapest real filter would. */
    static final class PassFilter implements PacketFilter {
        @Override
        public Verdict outbound(PacketBuffer packet, ClientSession client) {
            return Verdict.PASS;
        }

        @Override
        public Verdict inbound(PacketBuffer packet) {
            return Verdict.PASS;
        }
    }

    /** An uplink that has written the packet the moment it gets it. */
    static final class ReleasingBackend implements Backend {
        long sent;

        @Override
        public void send(PacketBuffer packet) {
            sent++;
            packet.release();
        }

        @Override
        public BackendState state() {
            return new BackendState.Disconnected("benchmark");
        }

        @Override
        public void close() {}
    }

    /** A client that has encrypted and sent the packet the moment it gets it. */
    static final class ReleasingSession implements ClientSession {
        private final List<IpAddress> addresses;
        long delivered;

        ReleasingSession(IpAddress address) {
            this.addresses = List.of(address);
        }

        @Override
        public String id() {
            return "benchmark";
        }

        @Override
        public String identity() {
            return "benchmark";
        }

        @Override
        public List<IpAddress> innerAddresses() {
            return addresses;
        }

        @Override
        public InetSocketAddress remoteEndpoint() {
            return new InetSocketAddress("127.0.0.1", 4500);
        }

        @Override
        public void deliver(PacketBuffer packet) {
            delivered++;
            packet.release();
        }
    }
}
