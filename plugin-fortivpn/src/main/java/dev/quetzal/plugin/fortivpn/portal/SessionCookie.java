package dev.quetzal.plugin.fortivpn.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The FortiGate session cookie, {@code SVPNCOOKIE}: whoever holds it holds the session. {@link
 * #toString()} shows no part of it, only a short SHA-256 fingerprint, so logs can tell sessions
 * apart without leaking a single character of the secret.
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
        return other instanceof SessionCookie cookie && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), cookie.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return SessionCookie.class.hashCode();
    }

    @Override
    public String toString() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return NAME + "(sha256:" + HexFormat.of().formatHex(digest, 0, 4) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
