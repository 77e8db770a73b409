package dev.quetzal.interop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-interval sums of one {@code iperf3 -J} report ({@code intervals[].sum}), seconds from the test's start: what
 * moved in each second, so a test can tell that data still flowed after an event in the middle of the run.
 */
record Iperf3Intervals(List<Interval> intervals) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One interval: {@code start} and {@code end} in seconds since the test started, bytes in it. */
    record Interval(double start, double end, long bytes) {}

    Iperf3Intervals {
        intervals = List.copyOf(intervals);
    }

    static Iperf3Intervals parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.path("intervals").isArray()) {
            throw new IOException("iperf3 report has no intervals");
        }
        List<Interval> intervals = new ArrayList<>();
        for (JsonNode interval : root.get("intervals")) {
            JsonNode sum = interval.path("sum");
            if (!sum.has("start") || !sum.has("end") || !sum.has("bytes")) {
                throw new IOException("iperf3 interval without start, end or bytes: " + sum);
            }
            intervals.add(new Interval(sum.get("start").asDouble(), sum.get("end").asDouble(), sum.get("bytes").asLong()));
        }
        return new Iperf3Intervals(intervals);
    }

    /** Bytes in the intervals that start at or after {@code seconds}. */
    long bytesFrom(double seconds) {
        return intervals.stream().filter(i -> i.start() >= seconds).mapToLong(Interval::bytes).sum();
    }
}
