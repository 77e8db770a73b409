package dev.quetzal.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config files: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, or ISO-8601. */
final class DurationText {
    static final String EXPECTED = "a duration like 30s";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private DurationText() {}

    /** The duration, or empty for text that is neither form or is negative. */
    static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return Optional.of(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> throw new IllegalStateException("pattern allows " + m.group(2));
                });
            }
            if (text.startsWith("P") || text.startsWith("p")) {
                Duration iso = Duration.parse(text);
                return iso.isNegative() ? Optional.empty() : Optional.of(iso);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The shortest form {@link #parse} reads back, for messages: {@code 4s}, {@code 1500ms}, {@code 5m}. */
    static String format(Duration duration) {
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException e) {
            return duration.toString();
        }
        if (millis == 0) {
            return "0s";
        }
        record Unit(long millis, String suffix) {}
        for (Unit unit : new Unit[] {new Unit(86_400_000, "d"), new Unit(3_600_000, "h"), new Unit(60_000, "m"),
                new Unit(1000, "s")}) {
            if (millis % unit.millis == 0) {
                return millis / unit.millis + unit.suffix;
            }
        }
        return millis + "ms";
    }
}
