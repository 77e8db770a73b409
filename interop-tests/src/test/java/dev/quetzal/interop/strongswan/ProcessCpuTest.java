package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.interop.tun.Iperf3Result;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** proc(5) /proc/PID/stat fields 14 (utime) and 15 (stime), and the CPU-seconds-per-GB figure of issue 4's Acceptance. */
final class ProcessCpuTest {
    @Test
    @DisplayName("proc(5): utime + stime are counted after the last ')', so a command name with spaces and ')' is no problem")
    void ticksAfterTheCommandName() throws IOException {
        String stat = "4242 (charon ) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 731 129 0 0 20 0 17 0 730215 0 0";
        assertEquals(731 + 129, ProcessCpu.ticks(stat));
    }

    @Test
    @DisplayName("proc(5): a line without the command name or with too few fields is a clear IOException")
    void malformedStat() {
        assertThrows(IOException.class, () -> ProcessCpu.ticks("4242 charon S 1"));
        assertThrows(IOException.class, () -> ProcessCpu.ticks("4242 (charon) S 1 2 3"));
        IOException notNumber = assertThrows(IOException.class,
                () -> ProcessCpu.ticks("1 (c) S 1 1 1 0 -1 0 0 0 0 0 x 5 0 0"));
        assertTrue(notNumber.getMessage().contains("not a number"), notNumber.getMessage());
    }

    @Test
    @DisplayName("proc(5): this JVM's own CPU time is readable and positive")
    void ownProcess() throws IOException {
        assertTrue(ProcessCpu.of(ProcessHandle.current().pid(), 100).isPositive());
    }

    @Test
    @DisplayName("issue 4 Acceptance: CPU s per GB = gateway CPU seconds / (received bytes / 10^9)")
    void cpuSecondsPerGigabyte() {
        GatewayCost cost = new GatewayCost("up", new Iperf3Result(500_000_000L, 400e6), Duration.ofMillis(7_500));
        assertEquals(15.0, cost.cpuSecondsPerGigabyte(), 1e-9);
        assertEquals(400.0, cost.megabitsPerSecond(), 1e-9);
        assertTrue(cost.toString().contains("15.00 CPU s/GB"), cost.toString());
        GatewayCost nothing = new GatewayCost("up", new Iperf3Result(0, 0), Duration.ofSeconds(1));
        assertEquals(Double.POSITIVE_INFINITY, nothing.cpuSecondsPerGigabyte());
    }
}
