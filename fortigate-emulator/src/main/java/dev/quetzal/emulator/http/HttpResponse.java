package dev.quetzal.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP response to write. Content-Length and Connection are added by the writer.
 *
 * @param headers name and value pairs in order (names as written on the wire)
 */
public record HttpResponse(int status, String reason, List<Header> headers, byte[] body) {
    public record Header(String name, String value) {}

    public HttpResponse {
        headers = List.copyOf(headers);
    }

    public static HttpResponse of(int status, String reason, String contentType, String body) {
        return new HttpResponse(status, reason, List.of(new Header("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse html(int status, String reason, String body) {
        return of(status, reason, "text/html; charset=utf-8", body);
    }

    public static HttpResponse text(int status, String reason, String body) {
        return of(status, reason, "text/plain; charset=utf-8", body);
    }

    public static HttpResponse redirect(String location) {
        return html(302, "Found", "<html><body><a href=\"" + location + "\">" + location + "</a></body></html>")
                .withHeader("Location", location);
    }

    public HttpResponse withHeader(String name, String value) {
        List<Header> all = new ArrayList<>(headers);
        all.add(new Header(name, value));
        return new HttpResponse(status, reason, all, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Records compare arrays by identity; responses compare by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponse r && status == r.status && reason.equals(r.reason)
                && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(status, reason, headers) * 31 + java.util.Arrays.hashCode(body);
    }

    /** Status only: headers may set cookies. */
    @Override
    public String toString() {
        return "HttpResponse[" + status + " " + reason + ", " + body.length + " bytes]";
    }
}
