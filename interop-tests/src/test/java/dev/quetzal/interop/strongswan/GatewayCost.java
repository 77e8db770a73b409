package dev.quetzal.interop.strongswan;

import dev.quetzal.interop.tun.Iperf3Result;
import java.time.Duration;

/**
 * One iperf3 run through the gateway: the receiver's rate and bytes, and the CPU time the gateway
 * process used meanwhile (issue 4, Acceptance: throughput and gateway CPU seconds per GB).
 */
public record GatewayCost(String label, Iperf3Result iperf3, Duration gatewayCpu) {
    private static final double GB = 1e9;

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
