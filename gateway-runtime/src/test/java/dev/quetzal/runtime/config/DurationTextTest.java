package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations in config files: short forms with one unit, and ISO-8601 durations (java.time's PnDTnHnMn.nS). */
final class DurationTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0s, 0",
            "500ms, 500",
            "30s, 30000",
            "5m, 300000",
            "1h, 3600000",
            "2d, 172800000",
            "PT30S, 30000",
            "pt1m, 60000",
            "PT0.25S, 250",
            "P1DT2H, 93600000",
    })
    void parsesShortAndIsoForms(String text, long millis) {
        assertEquals(Optional.of(Duration.ofMillis(millis)), DurationText.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "30", "-5s", "5 s", " 5s", "1.5h", "5S", "5sec", "1h30m", "-PT1S", "PT", "P", "soon",
            "9999999999999d"})
    void refusesAnythingElse(String text) {
        assertEquals(Optional.empty(), DurationText.parse(text));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"0, 0s", "100, 100ms", "1500, 1500ms", "4000, 4s", "90000, 90s", "300000, 5m", "7200000, 2h",
            "86400000, 1d"})
    void formatsInTheLargestWholeUnit(long millis, String text) {
        assertEquals(text, DurationText.format(Duration.ofMillis(millis)));
        assertEquals(Optional.of(Duration.ofMillis(millis)), DurationText.parse(text));
    }

    @Test
    void formatsSubMillisecondDurationsAsIso() {
        assertEquals("PT0.0000015S", DurationText.format(Duration.ofNanos(1500)));
    }
}
