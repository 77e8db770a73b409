package dev.quetzal.interop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class Iperf3IntervalsTest {
    /** Trimmed from an iperf3 3.12 {@code -J} report: three one-second intervals, the second one empty. */
    private static final String REPORT = """
            {"start": {}, "intervals": [
              {"streams": [], "sum": {"start": 0, "end": 1.0001, "seconds": 1.0001, "bytes": 5000, "bits_per_second": 4e4}},
              {"streams": [], "sum": {"start": 1.0001, "end": 2.0003, "seconds": 1.0002, "bytes": 0, "bits_per_second": 0}},
              {"streams": [], "sum": {"start": 2.0003, "end": 3.0001, "seconds": 0.9998, "bytes": 7000, "bits_per_second": 5.6e4}}
            ], "end": {}}
            """;

    @Test
    @DisplayName("the bytes of the intervals from a point in the run on (a cut's recovery, issue 7 item 4)")
    void bytesFrom() throws IOException {
        Iperf3Intervals intervals = Iperf3Intervals.parse(REPORT);
        assertEquals(3, intervals.intervals().size());
        assertEquals(12000, intervals.bytesFrom(0));
        assertEquals(7000, intervals.bytesFrom(1.5));
        assertEquals(0, intervals.bytesFrom(3));
    }

    @Test
    @DisplayName("a report without intervals (iperf3 failed to connect) is an IOException")
    void noIntervals() {
        assertThrows(IOException.class, () -> Iperf3Intervals.parse("{\"error\": \"unable to connect\"}"));
        assertThrows(IOException.class, () -> Iperf3Intervals.parse("{\"intervals\": [{\"sum\": {\"start\": 0}}]}"));
    }
}
