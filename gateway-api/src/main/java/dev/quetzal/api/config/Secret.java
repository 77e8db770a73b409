package dev.quetzal.api.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password, cookie, token or key that must never reach a log, an exception or the status page.
 *
 * <p>In JSON a secret is written as {@code {"env": "FORTI_PASSWORD"}} (an environment variable),
 * {@code {"file": "/run/secrets/forti"}} (a file's content, one trailing newline removed) or, for
 * tests and demos only, a plain string. {@link #toString()} never shows the value; {@link
 * #origin()} says where it came from and is safe to print.
 */
public final class Secret {
    private final String value;
    private final String origin;

    private Secret(String value, String origin) {
        this.value = Objects.requireNonNull(value, "value");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** A secret whose {@code origin} is something like {@code "env FORTI_PASSWORD"}; never the value. */
    public static Secret of(String value, String origin) {
        return new Secret(value, origin);
    }

    /** The value. Call it where the secret is used, and do not keep the string longer than needed. */
    public String reveal() {
        return value;
    }

    /** The value as UTF-8 bytes; the caller should clear the array when done. */
    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the value came from: {@code env NAME}, {@code file PATH} or {@code inline}. */
    public String origin() {
        return origin;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Constant-time comparison of the values. */
    public boolean matches(Secret other) {
        return other != null && MessageDigest.isEqual(revealBytes(), other.revealBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && matches(other);
    }

    @Override
    public int hashCode() {
        // Equal secrets must hash alike, but the hash must not leak the value.
        return Secret.class.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[" + origin + ", redacted]";
    }
}
