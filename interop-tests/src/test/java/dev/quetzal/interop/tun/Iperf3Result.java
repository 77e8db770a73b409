package dev.quetzal.interop.tun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The end summary of one {@code iperf3 -c ... -J} TCP run, as measured by the receiving side.
 *
 * @param bytesReceived bytes the receiver got ({@code end.sum_received.bytes})
 * @param bitsPerSecond the receiver's rate ({@code end.sum_received.bits_per_second})
 */
public record Iperf3Result(long bytesReceived, double bitsPerSecond) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses iperf3's JSON report; a report with an {@code error} or without an end summary is an IOException. */
    public static Iperf3Result parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("iperf3 printed no JSON report");
        }
        if (root.hasNonNull("error")) {
            throw new IOException("iperf3: " + root.get("error").asText());
        }
        JsonNode received = root.path("end").path("sum_received");
        if (!received.has("bytes") || !received.has("bits_per_second")) {
            throw new IOException("iperf3 report has no end.sum_received summary");
        }
        return new Iperf3Result(received.get("bytes").asLong(), received.get("bits_per_second").asDouble());
    }

    public double megabitsPerSecond() {
        return bitsPerSecond / 1e6;
    }
}
