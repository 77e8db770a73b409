package dev.quetzal.plugin.fortivpn.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP/1.1 request (RFC 9112 §3): method, target, extra header fields and an optional body. The
 * connection adds Host, User-Agent and Content-Length. {@link #toString()} shows the request line only,
 * because headers and bodies carry cookies and passwords.
 */
public record HttpRequest(String method, String target, List<Header> headers, byte[] body) {
    /** One header field; {@link #toString()} hides the value. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " contains a line break");
            }
        }

        @Override
        public String toString() {
            return name + ": <" + value.length() + " chars>";
        }
    }

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("expected an origin-form target, got " + target);
        }
        headers = List.copyOf(headers);
        body = body == null ? null : body.clone();
    }

    public static HttpRequest get(String target) {
        return new HttpRequest("GET", target, List.of(), null);
    }

    /** A form POST ({@code application/x-www-form-urlencoded}). */
    public static HttpRequest postForm(String target, FormBody form) {
        return new HttpRequest("POST", target,
                List.of(new Header("Content-Type", "application/x-www-form-urlencoded")),
                form.encode().getBytes(StandardCharsets.US_ASCII));
    }

    /** A copy with one more header field. */
    public HttpRequest withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new HttpRequest(method, target, more, body);
    }

    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** The bytes on the wire, given the connection-level fields. */
    byte[] encode(String host, String userAgent) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Accept: */*\r\n");
        for (Header header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return start;
        }
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
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
        return method + " " + target;
    }
}
