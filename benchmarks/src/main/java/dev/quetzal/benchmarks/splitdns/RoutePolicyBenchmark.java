package dev.quetzal.benchmarks.splitdns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.splitdns.RouteLookup;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.service.SerialEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code split-dns} filter's per-packet policy check: is a client packet's destination inside the
 * published route set? The set is what a busy gateway holds, aggregated by the runtime's registry:
 * 200 learned host routes, 40 FortiVPN /24s with 4 negate /28s inside them and 16 IPv6 /64s. The
 * destinations (1024, half inside) are cycled so branch prediction does not learn one answer.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar RoutePolicyBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutePolicyBenchmark {
    private static final int DESTINATIONS = 1024;

    private RouteLookup lookup;
    private final int[] ipv4 = new int[DESTINATIONS];
    private final long[] ipv6High = new long[DESTINATIONS];
    private final long[] ipv6Low = new long[DESTINATIONS];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(6);
        List<Route> learned = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            learned.add(Route.include(IpPrefix.parse("198.18." + random.nextInt(64, 256) + "." + random.nextInt(256)
                    + "/32"), "split-dns:corp.example"));
        }
        List<Route> fortivpn = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fortivpn.add(Route.include(IpPrefix.parse("10." + i * 3 + ".0.0/24"), "fortivpn"));
        }
        for (int i = 0; i < 4; i++) {
            fortivpn.add(Route.exclude(IpPrefix.parse("10." + i * 3 + ".0.16/28"), "fortivpn"));
        }
        for (int i = 0; i < 16; i++) {
            fortivpn.add(Route.include(IpPrefix.parse("2001:db8:" + Integer.toHexString(i * 5) + "::/64"), "fortivpn"));
        }
        DefaultRouteRegistry registry = new DefaultRouteRegistry(new SerialEvents());
        registry.publish("split-dns:corp.example", learned);
        registry.publish("fortivpn", fortivpn);
        lookup = RouteLookup.of(registry.current(), true);
        int inside = 0;
        for (int i = 0; i < DESTINATIONS; i++) {
            IpAddress v4 = i % 2 == 0 ? learned.get(random.nextInt(learned.size())).prefix().address()
                    : IpAddress.parse("10." + random.nextInt(120) + ".0." + random.nextInt(256));
            ipv4[i] = ((Ipv4Address) v4).bits();
            Ipv6Address v6 = (Ipv6Address) IpAddress.parse("2001:db8:" + Integer.toHexString(random.nextInt(80)) + "::"
                    + Integer.toHexString(random.nextInt(1 << 16)));
            ipv6High[i] = v6.high();
            ipv6Low[i] = v6.low();
            inside += lookup.allowsIpv4(ipv4[i]) ? 1 : 0;
        }
        if (inside < DESTINATIONS / 2 || inside == DESTINATIONS) {
            throw new IllegalStateException("the destinations do not mix hits and misses: " + inside);
        }
    }

    @Benchmark
    public boolean ipv4() {
        int i = next++ & (DESTINATIONS - 1);
        return lookup.allowsIpv4(ipv4[i]);
    }

    @Benchmark
    public boolean ipv6() {
        int i = next++ & (DESTINATIONS - 1);
        return lookup.allowsIpv6(ipv6High[i], ipv6Low[i]);
    }
}
