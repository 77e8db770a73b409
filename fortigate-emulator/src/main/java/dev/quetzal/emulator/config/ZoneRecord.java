package dev.quetzal.emulator.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One resource record of the in-process DNS zone: {@code {"name": "intranet", "type": "A", "value":
 * "198.18.0.10", "ttl": "2s"}}. Names without a trailing dot are relative to the zone.
 *
 * @param type A, AAAA, CNAME or TXT
 * @param ttl how long resolvers may cache the record (RFC 1035 §3.2.1, §4.1.3): whole seconds from 0 to
 *     2^31 - 1 (RFC 2181 §8); default {@link #DEFAULT_TTL}
 */
public record ZoneRecord(String name, String type, String value, Duration ttl) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** RFC 2181 §8: a TTL is an unsigned 32-bit number whose most significant bit is zero. */
    public static final long MAX_TTL_SECONDS = Integer.MAX_VALUE;

    public ZoneRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
        if (!type.equals("A") && !type.equals("AAAA") && !type.equals("CNAME") && !type.equals("TXT")) {
            throw new IllegalArgumentException("expected type A, AAAA, CNAME or TXT, got \"" + type + "\"");
        }
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        if (ttl.isNegative() || ttl.toNanosPart() != 0 || ttl.getSeconds() > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("expected a ttl of whole seconds from 0s to " + MAX_TTL_SECONDS
                    + "s (RFC 2181 §8), got " + ttl);
        }
    }

    /** A record with the default TTL. */
    public ZoneRecord(String name, String type, String value) {
        this(name, type, value, null);
    }

    /** The TTL field's value on the wire (RFC 1035 §4.1.3). */
    public long ttlSeconds() {
        return ttl.getSeconds();
    }
}
