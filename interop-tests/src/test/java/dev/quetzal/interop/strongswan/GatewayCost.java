package dev.quetzal.interop.strongswan;

import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One iperf3 run through the gateway: the receiver's rate and bytes, and the CPU time the gateway
 * process used meanwhile (issue 4, Acceptance: throughput and gateway CPU seconds per GB).
 */
public record GatewayCost(String label, Iperf3Result iperf3, Duration gatewayCpu) {
    private static final double GB = 1e9;

    /** iperf3 for {@code seconds} through {@code server}, with the server process's CPU time before and after. */
    public static GatewayCost measure(SwanTopology topology, VpnServer server, long ticksPerSecond, int seconds,
            boolean reverse, String label, Path report) throws IOException, InterruptedException {
        Duration before = ProcessCpu.of(server.pid(), ticksPerSecond);
        Iperf3Result result;
        try (Iperf3Run run = Iperf3Run.start(topology, seconds, reverse, report)) {
            result = run.await();
        }
        Duration after = ProcessCpu.of(server.pid(), ticksPerSecond);
        return new GatewayCost(label, result, after.minus(before));
    }

    public double megabitsPerSecond() {
        return iperf3.megabitsPerSecond();
    }

    public double cpuSeconds() {
        return gatewayCpu.toNanos() / 1e9;
    }

    /** CPU seconds per 10^9 bytes received; infinite when nothing arrived. */
    public double cpuSecondsPerGigabyte() {
        return iperf3.bytesReceived() == 0 ? Double.POSITIVE_INFINITY : cpuSeconds() / (iperf3.bytesReceived() / GB);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %.0f Mbit/s, %.2f GB, gateway CPU %.2f s, %.2f CPU s/GB",
                label, megabitsPerSecond(), iperf3.bytesReceived() / GB, cpuSeconds(), cpuSecondsPerGigabyte());
    }
}
