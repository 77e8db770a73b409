package dev.quetzal.api.config;

/**
 * Thrown by a config record's constructor to reject one field's value. The runtime reports it as
 * {@code FILE: $.path.to.field: expected ..., got ...} and exits with status 2.
 *
 * <p>The message must say what was expected and must not contain a secret's value.
 */
public final class ConfigValueException extends IllegalArgumentException {
    private final String field;

    /**
     * @param field the JSON field name in the record being built (a dotted path for nested values)
     * @param message what was expected and what was found, for example {@code expected 1..65535, got 0}
     */
    public ConfigValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Throws when {@code value} is null: {@code field: is required}. Returns the value otherwise. */
    public static <T> T require(T value, String field, String expectation) {
        if (value == null) {
            throw new ConfigValueException(field, "missing, expected " + expectation);
        }
        return value;
    }

    /** Throws unless {@code min <= value <= max}. */
    public static long checkRange(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new ConfigValueException(field, "expected " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}
