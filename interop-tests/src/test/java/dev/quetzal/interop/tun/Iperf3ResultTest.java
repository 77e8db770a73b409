package dev.quetzal.interop.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading iperf3 3.12's JSON report (-J), trimmed from a real run. */
final class Iperf3ResultTest {
    private static final String REPORT = """
            {"start": {"connected": [{"socket": 5, "local_host": "198.18.1.1", "remote_host": "198.18.0.1"}]},
             "intervals": [],
             "end": {
               "sum_sent": {"start": 0, "end": 1.004012, "seconds": 1.004012, "bytes": 1353973760,
                            "bits_per_second": 10788506591.554684, "retransmits": 5, "sender": true},
               "sum_received": {"start": 0, "end": 1.004551, "seconds": 1.004551, "bytes": 1352663040,
                                "bits_per_second": 10772279675.198174, "sender": true}}}
            """;

    @Test
    @DisplayName("the receiver's bytes and rate come from end.sum_received")
    void readsTheReceiverSummary() throws IOException {
        Iperf3Result result = Iperf3Result.parse(REPORT);
        assertEquals(1352663040L, result.bytesReceived());
        assertEquals(10772.279675198174, result.megabitsPerSecond(), 1e-9);
    }

    @Test
    @DisplayName("a report with an error (server unreachable) is an IOException with iperf3's words")
    void rejectsAnErrorReport() {
        String failed = """
                {"start": {}, "intervals": [], "end": {},
                 "error": "unable to connect to server - server may have stopped running or use a different port"}
                """;
        IOException e = assertThrows(IOException.class, () -> Iperf3Result.parse(failed));
        assertTrue(e.getMessage().startsWith("iperf3: unable to connect to server"), e.getMessage());
    }

    @Test
    @DisplayName("a report without an end summary, or no JSON object at all, is an IOException")
    void rejectsIncompleteReports() {
        assertThrows(IOException.class, () -> Iperf3Result.parse("{\"start\": {}, \"end\": {}}"));
        assertThrows(IOException.class, () -> Iperf3Result.parse("[]"));
    }
}
