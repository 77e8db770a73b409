package dev.quetzal.runtime.metrics;

/** The Prometheus naming rules (exposition format 0.0.4), checked at registration. */
final class MetricNames {
    private MetricNames() {}

    /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    static String checkMetricName(String name) {
        if (name == null || name.isEmpty() || !isNameStart(name.charAt(0), true)) {
            throw new IllegalArgumentException("invalid metric name " + quote(name) + ": expected [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isNamePart(name.charAt(i), true)) {
                throw new IllegalArgumentException("invalid metric name " + quote(name) + ": expected [a-zA-Z_:][a-zA-Z0-9_:]*");
            }
        }
        return name;
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}, and not starting with {@code __}, which Prometheus keeps for itself. */
    static String checkLabelName(String name) {
        boolean valid = name != null && !name.isEmpty() && isNameStart(name.charAt(0), false) && !name.startsWith("__");
        for (int i = 1; valid && i < name.length(); i++) {
            valid = isNamePart(name.charAt(i), false);
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    "invalid label name " + quote(name) + ": expected [a-zA-Z_][a-zA-Z0-9_]* not starting with __");
        }
        return name;
    }

    private static boolean isNameStart(char c, boolean colonAllowed) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
    }

    private static boolean isNamePart(char c, boolean colonAllowed) {
        return isNameStart(c, colonAllowed) || (c >= '0' && c <= '9');
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
