package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.RawResponse;
import dev.quetzal.emulator.testing.TrustingTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The portal's endpoints and login by password, fortivpn-protocol.md §2, §3 and §12. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class PortalEndpointsTest {
    @RegisterExtension
    static final EmulatorFixture fixture = EmulatorFixture.startedWith(EmulatorFixture.alice()
            .user(dev.quetzal.emulator.config.UserAccount.of("bob", "pw").withRealm("staff"))
            .realms("staff", "guests"));

    @Test
    @DisplayName("§2: GET / redirects to /remote/login?lang=en")
    void rootRedirectsToLogin() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            RawResponse response = client.get("/", null);
            assertEquals(302, response.status());
            assertEquals("/remote/login?lang=en", response.header("Location"));
        }
    }

    @Test
    @DisplayName("§2: GET /<realm> redirects with realm= so OpenConnect takes it from the final URL")
    void realmPathRedirectsWithRealm() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            RawResponse response = client.get("/staff", null);
            assertEquals(302, response.status());
            assertEquals("/remote/login?realm=staff&lang=en", response.header("Location"));
            RawResponse login = client.get("/remote/login?realm=staff&lang=en", null);
            assertEquals(200, login.status());
            assertTrue(login.bodyText().contains("value=\"staff\""), login.bodyText());
        }
    }

    @Test
    @DisplayName("§2: Java's HttpClient follows / to a non-empty login page")
    void httpClientFollowsRedirectToLoginPage() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TrustingTls.trusting(fixture.emulator().certificate()))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fixture.emulator().url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("/remote/login", response.uri().getPath());
        assertTrue(response.body().contains("/remote/logincheck"));
    }

    @Test
    @DisplayName("§2: password login sets SVPNCOOKIE (base64 with + / =) with ret=1,redir=/remote/index")
    void passwordLoginSetsCookie() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            long before = fixture.emulator().stats().loginsSucceeded();
            RawResponse response = client.post("/remote/logincheck",
                    "username=alice&credential=secret&realm=&ajax=1&just_logged_in=1");
            assertEquals(200, response.status());
            assertEquals("ret=1,redir=/remote/index", response.bodyText());
            String setCookie = response.header("Set-Cookie");
            assertTrue(setCookie.endsWith("; path=/; secure; httponly"), setCookie);
            String cookie = response.svpnCookie();
            assertTrue(cookie.contains("+") && cookie.contains("/") && cookie.endsWith("="), cookie);
            assertEquals(before + 1, fixture.emulator().stats().loginsSucceeded());
        }
    }

    @Test
    @DisplayName("§2: a wrong password gets 405, ret=0 and a cleared cookie")
    void wrongPasswordIsRefusedWith405() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            long before = fixture.emulator().stats().loginsFailed();
            RawResponse response = client.post("/remote/logincheck", "username=alice&credential=nope&realm=&ajax=1");
            assertEquals(405, response.status());
            assertEquals("ret=0,redir=/remote/login?&err=sslvpn_login_permission_denied&lang=en", response.bodyText());
            assertEquals("", response.svpnCookie());
            assertEquals(before + 1, fixture.emulator().stats().loginsFailed());
            RawResponse unknown = client.post("/remote/logincheck", "username=mallory&credential=secret&ajax=1");
            assertEquals(405, unknown.status());
        }
    }

    @Test
    @DisplayName("§2: realms: a user bound to a realm logs in only there; unknown realms are refused")
    void realmsAreChecked() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(200, client.post("/remote/logincheck", "username=bob&credential=pw&realm=staff&ajax=1").status());
            assertEquals(405, client.post("/remote/logincheck", "username=bob&credential=pw&realm=guests&ajax=1").status());
            assertEquals(405, client.post("/remote/logincheck", "username=bob&credential=pw&realm=&ajax=1").status());
            assertEquals(405, client.post("/remote/logincheck", "username=alice&credential=secret&realm=other&ajax=1").status());
            assertEquals(200, client.post("/remote/logincheck", "username=alice&credential=secret&realm=guests&ajax=1").status());
        }
    }

    @Test
    @DisplayName("§3/§12: index, legacy config and XML with the cookie; 403 without; logout ends the session")
    void cookiePagesAndLogout() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String cookie = client.login("alice", "secret");
            assertEquals(200, client.get("/remote/index", cookie).status());
            RawResponse legacy = client.get("/remote/fortisslvpn", cookie);
            assertEquals(200, legacy.status());
            assertFalse(legacy.bodyText().isEmpty());
            RawResponse xml = client.get("/remote/fortisslvpn_xml?dual_stack=1", cookie);
            assertEquals(200, xml.status());
            assertTrue(xml.bodyText().contains("<sslvpn-tunnel"));
            assertEquals(403, client.get("/remote/fortisslvpn_xml", "bogus").status());
            assertEquals(403, client.get("/remote/index", null).status());

            long logouts = fixture.emulator().stats().logouts();
            RawResponse logout = client.get("/remote/logout", cookie);
            assertEquals(200, logout.status());
            assertEquals("", logout.svpnCookie());
            assertEquals(logouts + 1, fixture.emulator().stats().logouts());
            assertEquals(403, client.get("/remote/fortisslvpn_xml", cookie).status());
        }
    }

    @Test
    @DisplayName("§12: keep-alive with X-Pad, any Host, Connection: close honoured")
    void keepAliveAndConnectionClose() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("/remote/login?lang=en&x=" + i, null).status());
            }
            client.send("GET /remote/login HTTP/1.1\r\nHost: sslvpn\r\nConnection: close\r\n\r\n");
            RawResponse response = client.read();
            assertEquals(200, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    @DisplayName("§12: unknown paths get 404 and wrong methods 405 on a connection that stays usable")
    void unknownPathsAndMethods() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(404, client.get("/remote/nothing", null).status());
            assertEquals(405, client.get("/remote/logincheck", null).status());
            assertEquals(405, client.post("/remote/index", "").status());
            assertEquals(200, client.get("/remote/login", null).status());
            assertTrue(fixture.emulator().stats().requests("other") >= 1);
        }
    }

    @Test
    @DisplayName("§12: sessions() lists logins with a cookie prefix only")
    void sessionsAreListedWithoutCookies() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String cookie = client.login("alice", "secret");
            SessionInfo info = fixture.emulator().sessions().stream()
                    .filter(s -> cookie.startsWith(s.cookiePrefix().replace("...", "")))
                    .findFirst().orElseThrow();
            assertEquals("alice", info.username());
            assertNotNull(info.assignedAddress());
            assertFalse(info.toString().contains(cookie));
            assertFalse(info.tunnelUp());
            client.get("/remote/logout", cookie);
            assertNull(fixture.emulator().sessions().stream().filter(s -> s.cookiePrefix().equals(info.cookiePrefix()))
                    .findFirst().orElse(null));
        }
    }

    @Test
    @DisplayName("§2: the login form accepts openfortivpn's field order too")
    void openfortivpnFieldOrder() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            RawResponse response = client.post("/remote/logincheck",
                    PortalClient.form(Map.of("username", "alice", "credential", "secret")) + "&realm=&ajax=1");
            assertEquals(200, response.status());
        }
    }
}
