package dev.quetzal.interop.strongswan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A process's CPU time from {@code /proc/PID/stat} (proc(5)): utime + stime, fields 14 and 15, in
 * clock ticks of {@code sysconf(_SC_CLK_TCK)}; threads included.
 */
public final class ProcessCpu {
    private ProcessCpu() {}

    /** CPU time used so far by {@code pid}. */
    public static Duration of(long pid, long ticksPerSecond) throws IOException {
        long ticks = ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        return Duration.ofNanos(Math.multiplyExact(ticks, 1_000_000_000L) / ticksPerSecond);
    }

    /** {@code getconf CLK_TCK} (USER_HZ; 100 on Linux x86). */
    public static long ticksPerSecond() throws IOException {
        Scripts.Result result = Scripts.command(Duration.ofSeconds(10), "getconf", "CLK_TCK");
        if (!result.succeeded()) {
            throw new IOException("getconf CLK_TCK failed: " + result.output());
        }
        return Long.parseLong(result.output().strip());
    }

    /**
     * utime + stime of one stat line. The command name (field 2) is in parentheses and may itself
     * hold spaces and parentheses, so fields are counted from the last ')'.
     */
    static long ticks(String stat) throws IOException {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IOException("not a /proc/PID/stat line: no ')' after the command name");
        }
        String[] fields = stat.substring(end + 1).strip().split(" +");
        // fields[0] is field 3 (state), so field N is fields[N - 3]
        if (fields.length < 13) {
            throw new IOException("/proc/PID/stat line has " + (fields.length + 2) + " fields, expected at least 15");
        }
        try {
            return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        } catch (NumberFormatException e) {
            throw new IOException("/proc/PID/stat utime or stime is not a number: " + e.getMessage());
        }
    }
}
