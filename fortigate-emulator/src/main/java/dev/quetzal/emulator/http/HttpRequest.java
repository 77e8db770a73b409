package dev.quetzal.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request. Header names are lower case; a repeated header keeps every value in
 * order. The body is held whole (at most {@link HttpRequestReader#MAX_BODY} bytes).
 *
 * @param target the request target as sent, path and query
 * @param path the target before {@code ?}, percent-decoding not applied
 * @param query the target after {@code ?}, or empty
 */
public record HttpRequest(
        String method, String target, String path, String query, String version, Map<String, List<String>> headers,
        byte[] body) {
    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The value of cookie {@code name} from every Cookie header, or null. */
    public String cookie(String name) {
        List<String> values = headers.get("cookie");
        if (values == null) {
            return null;
        }
        for (String header : values) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** The query string's parameters (urlencoded). */
    public FormData queryParameters() {
        return FormData.parse(query);
    }

    /** The body as an urlencoded form. */
    public FormData form() {
        return FormData.parse(new String(body, StandardCharsets.UTF_8));
    }

    /** HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 the other way round. */
    public boolean wantsClose() {
        String connection = header("connection");
        boolean close = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        boolean keepAlive = connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
        return version.equals("HTTP/1.0") ? !keepAlive : close;
    }

    /** Records compare arrays by identity; requests compare by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequest r && method.equals(r.method) && target.equals(r.target)
                && version.equals(r.version) && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, target, version, headers) * 31 + java.util.Arrays.hashCode(body);
    }

    /** Never shows the body or cookies, which carry credentials. */
    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + "]";
    }
}
