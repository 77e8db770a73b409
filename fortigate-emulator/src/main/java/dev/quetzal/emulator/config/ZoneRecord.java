package dev.quetzal.emulator.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One resource record of the in-process DNS zone: {@code {"name": "intranet", "type": "A", "value":
 * "198.18.0.10"}}. Names without a trailing dot are relative to the zone.
 *
 * @param type A, AAAA, CNAME or TXT
 */
public record ZoneRecord(String name, String type, String value) {
    public ZoneRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
        if (!type.equals("A") && !type.equals("AAAA") && !type.equals("CNAME") && !type.equals("TXT")) {
            throw new IllegalArgumentException("expected type A, AAAA, CNAME or TXT, got \"" + type + "\"");
        }
    }
}
