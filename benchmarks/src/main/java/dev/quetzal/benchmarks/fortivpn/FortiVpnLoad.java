package dev.quetzal.benchmarks.fortivpn;

import com.sun.management.OperatingSystemMXBean;
import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.config.TlsSettings;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig;
import dev.quetzal.plugin.fortivpn.FortiVpnFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Load harness: the fortivpn backend against the FortiGate emulator over loopback TLS, both in this
 * JVM, 1400-byte IPv4/UDP packets.
 *
 * <ul>
 *   <li>uplink: a generator thread hands packets to {@code Backend.send} (keeping at most {@link
 *       #WINDOW} packets in flight, so nothing is dropped); the emulator's sink counts them;
 *   <li>downlink: the emulator generates packets to the client as fast as its queue takes them; the
 *       backend decodes them and hands them to the (counting) router.
 * </ul>
 *
 * Each direction sends a warm-up batch, then times a measured batch from the first send to the last
 * arrival. CPU is the whole process (both ends of the TLS connection plus the generator), per packet.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.quetzal.benchmarks.fortivpn.FortiVpnLoad [packets] [TLSv1.3|TLSv1.2]
 * }</pre>
 */
public final class FortiVpnLoad {
    private static final int PACKET_SIZE = 1400;
    private static final int WINDOW = 512;
    private static final int SINK = (198 << 24) | (18 << 16) | (255 << 8) | 253;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(120);

    private FortiVpnLoad() {}

    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        String protocol = args.length > 1 ? args[1] : "TLSv1.3";
        EmulatorConfig emulatorConfig = EmulatorConfig.builder()
                .user("bench", "bench")
                .tls(TlsSettings.defaults().withProtocols(List.of(protocol)))
                .build();
        try (FortiGateEmulator emulator = FortiGateEmulator.start(emulatorConfig);
                LoadContext context = new LoadContext()) {
            FortiVpnConfig config = new FortiVpnConfig(new HostPort("127.0.0.1", emulator.address().getPort()), null,
                    "bench", Secret.of("bench", "load harness"), null, null, null, null, null,
                    new FortiVpnConfig.Tls(null, List.of(emulator.certificatePin()), false, null),
                    null, null, null, null, null);
            Backend backend = new FortiVpnFactory().create(config, context);
            try {
                backend.start();
                context.awaitConnected(Duration.ofSeconds(15));
                System.out.printf(Locale.ROOT, "fortivpn backend <-> emulator, %s, %d-byte packets, %d per batch%n",
                        protocol, PACKET_SIZE, packets);
                Uplink uplink = new Uplink(backend, context, emulator);
                uplink.run(packets / 4);
                report("uplink   (backend -> emulator)", packets, time(() -> uplink.run(packets)));
                Downlink downlink = new Downlink(context, emulator);
                downlink.run(packets / 4);
                report("downlink (emulator -> backend)", packets, time(() -> downlink.run(packets)));
                System.out.println("backend counters: " + context.registry().samples().stream()
                        .filter(s -> s.labels().getOrDefault("component", "").equals("fortivpn"))
                        .map(s -> s.name() + s.labels().entrySet().stream()
                                .filter(e -> !e.getKey().equals("component")).toList() + "=" + s.value())
                        .toList());
            } finally {
                backend.close();
            }
        }
    }

    private record Measurement(long nanos, long cpuNanos, long delivered) {}

    private interface Batch {
        long run() throws Exception;
    }

    private static Measurement time(Batch batch) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        long delivered = batch.run();
        return new Measurement(System.nanoTime() - start, os.getProcessCpuTime() - cpu, delivered);
    }

    private static void report(String direction, long packets, Measurement m) {
        double seconds = m.nanos() / 1e9;
        double pps = m.delivered() / seconds;
        System.out.printf(Locale.ROOT, "%s: %,d of %,d packets in %.2f s = %,.0f packets/s = %.2f Gbit/s;"
                        + " process CPU %.2f s = %.2f us/packet (%.0f%% of 2 cores)%n",
                direction, m.delivered(), packets, seconds, pps, pps * PACKET_SIZE * 8 / 1e9, m.cpuNanos() / 1e9,
                m.cpuNanos() / 1e3 / Math.max(1, m.delivered()), 100.0 * m.cpuNanos() / m.nanos() / 2);
    }

    /** Waits until {@code counter} reaches {@code target} or the batch limit passes; returns the count. */
    private static long awaitCount(LongSupplier counter, long target) throws InterruptedException {
        long end = System.nanoTime() + BATCH_LIMIT.toNanos();
        while (counter.getAsLong() < target && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        return counter.getAsLong();
    }

    /** Client to network: packets into Backend.send with a bounded number in flight. */
    private record Uplink(Backend backend, LoadContext context, FortiGateEmulator emulator) {
        long run(long count) throws InterruptedException {
            byte[] template = udpPacket(PACKET_SIZE, SINK);
            long base = emulator.stats().sinkPackets();
            long end = System.nanoTime() + BATCH_LIMIT.toNanos();
            for (long sent = 0; sent < count; sent++) {
                while (sent - (emulator.stats().sinkPackets() - base) >= WINDOW) {
                    if (System.nanoTime() > end) {
                        return emulator.stats().sinkPackets() - base;
                    }
                    Thread.onSpinWait();
                }
                PacketBuffer packet = context.buffers().acquire();
                packet.append(template, 0, template.length);
                backend.send(packet);
            }
            return awaitCount(() -> emulator.stats().sinkPackets() - base, count);
        }
    }

    /** Network to client: the emulator generates, the backend decodes and hands packets to the router. */
    private record Downlink(LoadContext context, FortiGateEmulator emulator) {
        long run(long count) throws Exception {
            long base = context.received();
            Thread generator = Thread.ofPlatform().name("emulator-generator").start(
                    () -> emulator.hooks().generateToClients(PACKET_SIZE, count));
            long delivered = awaitCount(() -> context.received() - base, count);
            generator.join(BATCH_LIMIT.toMillis());
            return delivered;
        }
    }

    /** An IPv4/UDP packet of {@code size} bytes from the client's side to {@code destination}. */
    static byte[] udpPacket(int size, int destination) {
        byte[] p = new byte[size];
        p[0] = 0x45;
        p[2] = (byte) (size >>> 8);
        p[3] = (byte) size;
        p[8] = 64;
        p[9] = 17;
        p[12] = (byte) 198;
        p[13] = 18;
        p[14] = 1;
        p[15] = 1;
        p[16] = (byte) (destination >>> 24);
        p[17] = (byte) (destination >>> 16);
        p[18] = (byte) (destination >>> 8);
        p[19] = (byte) destination;
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        sum = (sum >>> 16) + (sum & 0xFFFF);
        sum += sum >>> 16;
        int checksum = ~sum & 0xFFFF;
        p[10] = (byte) (checksum >>> 8);
        p[11] = (byte) checksum;
        p[20] = (byte) 0xC3;
        p[21] = 0x50;
        p[22] = 0x00;
        p[23] = 0x09;
        int udpLength = size - 20;
        p[24] = (byte) (udpLength >>> 8);
        p[25] = (byte) udpLength;
        return p;
    }
}
