package dev.quetzal.plugin.fortivpn.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed HTTP/1.1 response. {@link #toString()} shows the status line only: Set-Cookie fields carry
 * the session cookie.
 *
 * @param statusLine the status line as received, for error messages
 * @param headers the header fields in order, names as received
 */
public record HttpResponse(String statusLine, int status, List<HttpRequest.Header> headers, byte[] body) {
    public HttpResponse {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HttpRequest.Header::value).findFirst();
    }

    /** Every value of header {@code name}, in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HttpRequest.Header::value).toList();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body as text; FortiGate answers are ASCII, UTF-8 keeps any odd byte readable. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The value the last {@code Set-Cookie} for {@code name} gave, if any; an empty value means the
     * server cleared the cookie (RFC 6265 §5.2).
     */
    public Optional<String> setCookie(String name) {
        String found = null;
        for (String field : headers("Set-Cookie")) {
            int eq = field.indexOf('=');
            if (eq < 0 || !field.substring(0, eq).strip().equals(name)) {
                continue;
            }
            int end = field.indexOf(';', eq);
            found = (end < 0 ? field.substring(eq + 1) : field.substring(eq + 1, end)).strip();
        }
        return Optional.ofNullable(found);
    }

    /** True when the server asked to close the connection after this response. */
    boolean closeRequested() {
        String connection = header("Connection").orElse("").toLowerCase(Locale.ROOT);
        if (statusLine.startsWith("HTTP/1.0")) {
            return !connection.contains("keep-alive");
        }
        return connection.contains("close");
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return statusLine;
    }
}
