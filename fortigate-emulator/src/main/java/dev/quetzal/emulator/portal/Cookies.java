package dev.quetzal.emulator.portal;

import dev.quetzal.emulator.http.HttpResponse;

/** The SVPNCOOKIE Set-Cookie headers (fortivpn-protocol.md §2). */
final class Cookies {
    static final String NAME = "SVPNCOOKIE";

    private Cookies() {}

    static HttpResponse set(HttpResponse response, String cookie) {
        return response.withHeader("Set-Cookie", NAME + "=" + cookie + "; path=/; secure; httponly");
    }

    /** An empty value: OpenConnect deletes its cookie when it sees one. */
    static HttpResponse clear(HttpResponse response) {
        return response.withHeader("Set-Cookie",
                NAME + "=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; secure; httponly");
    }
}
