package dev.quetzal.plugin.fortivpn.portal;

import java.util.Objects;

/**
 * The FortiGate session cookie, {@code SVPNCOOKIE}: whoever holds it holds the session. {@link
 * #toString()} shows its first 8 characters only, as logs may.
 */
public final class SessionCookie {
    public static final String NAME = "SVPNCOOKIE";

    private final String value;

    private SessionCookie(String value) {
        this.value = value;
    }

    /** A cookie value, with or without the {@code SVPNCOOKIE=} prefix a user may paste. */
    public static SessionCookie of(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip();
        if (value.startsWith(NAME + "=")) {
            value = value.substring(NAME.length() + 1);
        }
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ';')) {
            throw new IllegalArgumentException("expected an SVPNCOOKIE value (printable ASCII, no spaces or ';')");
        }
        return new SessionCookie(value);
    }

    /** The {@code Cookie} header value. */
    public String headerValue() {
        return NAME + "=" + value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionCookie cookie && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                cookie.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return SessionCookie.class.hashCode();
    }

    @Override
    public String toString() {
        return NAME + "=" + value.substring(0, Math.min(8, value.length())) + "...";
    }
}
