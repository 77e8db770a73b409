package dev.quetzal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import dev.quetzal.runtime.http.PageAccess.Verdict;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who may use the status page (issue 9, sign-in page on the LAN protected by a token). */
final class PageAccessTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String CSRF = "fedcba9876543210fedcba9876543210";
    private final PageAccess open = new PageAccess(null, CSRF);
    private final PageAccess guarded = new PageAccess(TOKEN, CSRF);

    private static Headers headers(String... pairs) {
        Headers headers = new Headers();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    @Test
    @DisplayName("loopback without a token: only loopback host names, so a rebound DNS name reaches nothing")
    void loopbackHosts() {
        URI uri = URI.create("/status");
        assertEquals(Verdict.ALLOW, open.check("GET", uri, headers("Host", "127.0.0.1:8964")));
        assertEquals(Verdict.ALLOW, open.check("GET", uri, headers("Host", "localhost:8964")));
        assertEquals(Verdict.ALLOW, open.check("GET", uri, headers("Host", "[::1]:8964")));
        assertEquals(Verdict.FORBIDDEN, open.check("GET", uri, headers("Host", "attacker.example:8964")));
        assertEquals(Verdict.FORBIDDEN, open.check("GET", uri, headers("Host", "127.0.0.1.attacker.example")));
        assertEquals(Verdict.FORBIDDEN, open.check("GET", uri, headers()));
    }

    @Test
    @DisplayName("token: once in the query (then a cookie), else the cookie or a bearer header; nothing else passes")
    void token() {
        Headers lan = headers("Host", "192.0.2.10:8964");
        assertEquals(Verdict.UNAUTHORIZED, guarded.check("GET", URI.create("/"), lan));
        assertEquals(Verdict.SET_COOKIE, guarded.check("GET", URI.create("/?token=" + TOKEN), lan));
        assertEquals(Verdict.UNAUTHORIZED, guarded.check("GET", URI.create("/?token=" + CSRF), lan));
        assertEquals(Verdict.UNAUTHORIZED, guarded.check("GET", URI.create("/?token=" + TOKEN.substring(1)), lan));
        assertEquals(Verdict.ALLOW, guarded.check("GET", URI.create("/status"),
                headers("Host", "192.0.2.10:8964", "Cookie", "other=1; quetzal_status=" + TOKEN)));
        assertEquals(Verdict.UNAUTHORIZED, guarded.check("GET", URI.create("/status"),
                headers("Host", "192.0.2.10:8964", "Cookie", "quetzal_status=" + CSRF)));
        assertEquals(Verdict.ALLOW, guarded.check("GET", URI.create("/metrics"),
                headers("Host", "192.0.2.10:8964", "Authorization", "Bearer " + TOKEN)));
        // A change never authenticates through the query string, which a link on another site can carry.
        assertEquals(Verdict.UNAUTHORIZED, guarded.check("POST", URI.create("/prompt?token=" + TOKEN),
                headers("Host", "192.0.2.10:8964", PageAccess.CSRF_HEADER, CSRF)));
        String cookie = guarded.cookieHeader();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    }

    @Test
    @DisplayName("POST: the page's CSRF token in its header and, when sent, an Origin that is this very host")
    void csrf() {
        String auth = "quetzal_status=" + TOKEN;
        URI prompt = URI.create("/prompt");
        assertEquals(Verdict.ALLOW, guarded.check("POST", prompt, headers("Host", "192.0.2.10:8964", "Cookie", auth,
                "Origin", "http://192.0.2.10:8964", PageAccess.CSRF_HEADER, CSRF)));
        assertEquals(Verdict.FORBIDDEN, guarded.check("POST", prompt, headers("Host", "192.0.2.10:8964", "Cookie", auth,
                "Origin", "http://192.0.2.10:8964")));
        assertEquals(Verdict.FORBIDDEN, guarded.check("POST", prompt, headers("Host", "192.0.2.10:8964", "Cookie", auth,
                PageAccess.CSRF_HEADER, TOKEN)));
        assertEquals(Verdict.FORBIDDEN, guarded.check("POST", prompt, headers("Host", "192.0.2.10:8964", "Cookie", auth,
                "Origin", "http://attacker.example", PageAccess.CSRF_HEADER, CSRF)));
        assertEquals(Verdict.ALLOW, open.check("POST", prompt, headers("Host", "127.0.0.1:8964", PageAccess.CSRF_HEADER, CSRF)));
        assertEquals(Verdict.FORBIDDEN, open.check("POST", prompt, headers("Host", "127.0.0.1:8964")));
    }

    @Test
    @DisplayName("loopback host names: 127/8 and ::1 literals and localhost, with or without a port")
    void loopbackHostNames() {
        assertTrue(PageAccess.loopbackHost("127.0.0.1"));
        assertTrue(PageAccess.loopbackHost("127.1.2.3:80"));
        assertTrue(PageAccess.loopbackHost("LOCALHOST"));
        assertFalse(PageAccess.loopbackHost("[::2]:8964"));
        assertFalse(PageAccess.loopbackHost("localhost.example"));
        assertFalse(PageAccess.loopbackHost("10.0.0.1:8964"));
    }
}
