package dev.quetzal.runtime.http;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the status page and API. Without a token (loopback only) a request must name a loopback
 * host, so a web page that rebinds its own name to 127.0.0.1 is refused. With a token (any other
 * address, or {@code status.requireToken}) every request carries it: once as {@code ?token=} (answered
 * with a cookie and a redirect that drops it from the address bar), then as that cookie or as {@code
 * Authorization: Bearer} (for scrapers). Changes (POST) also need the page's CSRF token in {@value
 * #CSRF_HEADER} and, when the browser sends one, an Origin that is this very host. Tokens are compared
 * in constant time and never logged.
 */
final class PageAccess {
    static final String COOKIE = "quetzal_status";
    static final String CSRF_HEADER = "X-Quetzal-CSRF";

    /** What to do with a request. */
    enum Verdict {
        /** Go on. */
        ALLOW,
        /** The right token came in the query: set the cookie and redirect to the same path without it. */
        SET_COOKIE,
        /** 403: wrong host, origin or CSRF token. */
        FORBIDDEN,
        /** 401: no valid token. */
        UNAUTHORIZED
    }

    private final String token;
    private final String csrf;

    /** @param token the access token, or null when none is needed (loopback) */
    PageAccess(String token, String csrf) {
        this.token = token;
        this.csrf = csrf;
    }

    static PageAccess create(boolean needsToken, SecureRandom random) {
        return new PageAccess(needsToken ? randomHex(random) : null, randomHex(random));
    }

    private static String randomHex(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean needsToken() {
        return token != null;
    }

    /** The access token for the start line, or null. */
    String token() {
        return token;
    }

    /** The CSRF token the page embeds and sends back with each POST. */
    String csrf() {
        return csrf;
    }

    Verdict check(String method, URI uri, Headers headers) {
        boolean change = !method.equals("GET") && !method.equals("HEAD");
        if (token == null && !loopbackHost(headers.getFirst("Host"))) {
            return Verdict.FORBIDDEN;
        }
        if (token != null && !presented(headers).map(this::isToken).orElse(false)) {
            if (!change && queryToken(uri).map(this::isToken).orElse(false)) {
                return Verdict.SET_COOKIE;
            }
            return Verdict.UNAUTHORIZED;
        }
        if (change) {
            String origin = headers.getFirst("Origin");
            if (origin != null && !origin.equals("http://" + headers.getFirst("Host"))) {
                return Verdict.FORBIDDEN;
            }
            String sent = headers.getFirst(CSRF_HEADER);
            if (sent == null || !equal(sent, csrf)) {
                return Verdict.FORBIDDEN;
            }
        }
        return Verdict.ALLOW;
    }

    /** The cookie that stands for the token from now on; HttpOnly so no script reads it. */
    String cookieHeader() {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private boolean isToken(String value) {
        return equal(value, token);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> presented(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        for (String line : headers.getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : line.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    return Optional.of(kv[1]);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> queryToken(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return Optional.of(pair.substring(6));
            }
        }
        return Optional.empty();
    }

    /** 127.0.0.1, [::1] or localhost, with or without a port. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && name.substring(1, end).equals("::1");
        }
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
