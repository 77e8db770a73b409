package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.config.ClientAuth;
import dev.quetzal.emulator.config.SamlSettings;
import dev.quetzal.emulator.config.SecondFactor;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.plugin.fortivpn.auth.LoginFlow;
import dev.quetzal.plugin.fortivpn.auth.OtpSource;
import dev.quetzal.plugin.fortivpn.auth.SamlLogin;
import dev.quetzal.plugin.fortivpn.portal.LoginFailedException;
import dev.quetzal.plugin.fortivpn.portal.Portal;
import dev.quetzal.plugin.fortivpn.portal.PortalException;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import dev.quetzal.plugin.fortivpn.tls.ServerNotTrustedException;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import dev.quetzal.plugin.fortivpn.xml.TunnelConfig;
import dev.quetzal.plugin.fortivpn.xml.TunnelConfigException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every login method of protocol notes §2 against the in-process emulator, at the portal level (login,
 * then the XML config of §3 with the cookie): password, realm, tokeninfo TOTP, HTML 2FA, FTM push, SAML,
 * client certificate (PEM and PKCS#12), and the failures.
 */
@Timeout(30)
final class LoginMethodsTest {
    private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    @TempDir
    Path folder;

    private final BackendFixture fixture = new BackendFixture();
    private final List<String> prompts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private FortiGateEmulator start(EmulatorConfig.Builder builder) throws Exception {
        return fixture.startEmulator(builder);
    }

    private LoginFlow flow(String user, String realm, OtpSource otp) {
        return new LoginFlow(user, realm, otp, (prompt, link) -> prompts.add(prompt), Duration.ofSeconds(10));
    }

    private static OtpSource totp() {
        return new OtpSource.TotpCodes(Secret.of(TOTP_SECRET, "inline"), TimeSource.SYSTEM);
    }

    /** The cookie opens the XML config: the session is real. */
    private TunnelConfig config(TlsClient tls, SessionCookie cookie) throws Exception {
        try (Portal portal = new Portal(tls, Duration.ofSeconds(5))) {
            return portal.fetchConfig(cookie);
        }
    }

    private SessionCookie passwordLogin(LoginFlow flow, String password) throws Exception {
        try (Portal portal = new Portal(Emulators.tls(fixture.emulator()), Duration.ofSeconds(5))) {
            return flow.withPassword(portal, password);
        }
    }

    @DisplayName("notes §2: password login sets SVPNCOOKIE; notes §3: the cookie fetches the XML on the same connection")
    @Test
    void password() throws Exception {
        start(EmulatorConfig.builder().user("alice", "secret"));
        try (Portal portal = new Portal(Emulators.tls(fixture.emulator()), Duration.ofSeconds(5))) {
            SessionCookie cookie = flow("alice", null, null).withPassword(portal, "secret");
            TunnelConfig xml = portal.fetchConfig(cookie);
            assertTrue(xml.ipv4Address().toString().startsWith("198.18.1."), xml.toString());
            assertEquals(List.of("corp.example"), xml.dnsSuffixes());
        }
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
        assertEquals(1, fixture.emulator().sessions().size());
        assertTrue(fixture.emulator().stats().requests("/remote/logincheck") >= 1);
    }

    @DisplayName("notes §2: the realm is posted; a user bound to another realm is refused with the server's err=")
    @Test
    void realm() throws Exception {
        start(EmulatorConfig.builder().user(UserAccount.of("bob", "pw").withRealm("lab")).realms("lab"));
        assertNotNull(passwordLogin(flow("bob", "lab", null), "pw"));
        assertEquals("lab", fixture.emulator().sessions().getFirst().realm());
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> passwordLogin(flow("bob", "office", null), "pw"));
        assertEquals("sslvpn_login_permission_denied", e.serverError());
    }

    @DisplayName("notes §2: a wrong password is a LoginFailedException naming err=sslvpn_login_permission_denied")
    @Test
    void wrongPassword() throws Exception {
        start(EmulatorConfig.builder().user("alice", "secret"));
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> passwordLogin(flow("alice", null, null), "wrong"));
        assertEquals("sslvpn_login_permission_denied", e.serverError());
        assertTrue(e.getMessage().startsWith("login failed: the FortiGate answered err=sslvpn_login_permission_denied"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong"));
        assertEquals(1, fixture.emulator().stats().loginsFailed());
    }

    @DisplayName("notes §2 tokeninfo: RFC 6238 code in code=, server fields echoed")
    @Test
    void tokenInfoTotp() throws Exception {
        start(EmulatorConfig.builder().user(UserAccount.of("carol", "pw").withSecondFactor(SecondFactor.TOKENINFO, TOTP_SECRET)));
        SessionCookie cookie = passwordLogin(flow("carol", null, totp()), "pw");
        assertNotNull(config(Emulators.tls(fixture.emulator()), cookie));
    }

    @DisplayName("notes §2: a second factor without an OTP source is a clear error")
    @Test
    void secondFactorWithoutOtp() throws Exception {
        start(EmulatorConfig.builder().user(UserAccount.of("carol", "pw").withSecondFactor(SecondFactor.TOKENINFO, TOTP_SECRET)));
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> passwordLogin(flow("carol", null, null), "pw"));
        assertTrue(e.getMessage().contains("configure otp.totp, otp.command, otp.prompt or otp.page"), e.getMessage());
    }

    @DisplayName("notes §2 HTML 2FA: 401 form, hidden inputs echoed, OTP in credential")
    @Test
    void htmlTwoFactor() throws Exception {
        start(EmulatorConfig.builder().user(UserAccount.of("dave", "pw").withSecondFactor(SecondFactor.HTML, TOTP_SECRET)));
        SessionCookie cookie = passwordLogin(flow("dave", null, totp()), "pw");
        assertNotNull(config(Emulators.tls(fixture.emulator()), cookie));
    }

    @DisplayName("notes §2 FTM push: ftmpush=1 without magic blocks until approval; AwaitingUser is published first")
    @Test
    void ftmPush() throws Exception {
        start(EmulatorConfig.builder().user(UserAccount.of("erin", "pw").withSecondFactor(SecondFactor.FTM_PUSH, null)
                .withFtmPushDelay(Duration.ofMillis(300))));
        SessionCookie cookie = passwordLogin(flow("erin", null, null), "pw");
        assertEquals(List.of("approve the FortiToken push"), prompts);
        assertNotNull(config(Emulators.tls(fixture.emulator()), cookie));
    }

    @DisplayName("notes §2 SAML: start URL, the test plays the browser through the fake IdP to the local listener")
    @Test
    void samlRoundTrip() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        start(EmulatorConfig.builder().user("gina", "pw")
                .saml(new SamlSettings(true, "http://127.0.0.1:" + port + "/?id=%s")));
        CompletableFuture<String> link = new CompletableFuture<>();
        SamlLogin saml = new SamlLogin(new HostPort("127.0.0.1", port), Emulators.server(fixture.emulator()), null,
                (prompt, url) -> link.complete(url));
        CompletableFuture<SessionCookie> login = CompletableFuture.supplyAsync(() -> {
            try (Portal portal = new Portal(Emulators.tls(fixture.emulator()), Duration.ofSeconds(5))) {
                return saml.login(portal);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String start = link.get(5, TimeUnit.SECONDS);
        assertEquals("https://127.0.0.1:" + fixture.emulator().address().getPort() + "/remote/saml/start?redirect=1", start);
        HttpClient browser = Emulators.browser(fixture.emulator());
        HttpResponse<String> idpPage = browser.send(HttpRequest.newBuilder(URI.create(start)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(idpPage.body().contains("/remote/saml/idp"), idpPage.body());
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(fixture.emulator().url() + "remote/saml/idp"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("realm=&username=gina&password=pw")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, signedIn.statusCode());
        String callback = signedIn.headers().firstValue("Location").orElseThrow();
        // Browsers also ask for other things (a favicon); the listener answers 404 and keeps waiting.
        HttpResponse<String> favicon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/favicon.ico")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, favicon.statusCode());
        assertFalse(login.isDone());
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("You can close this tab"));
        SessionCookie cookie = login.get(5, TimeUnit.SECONDS);
        assertNotNull(config(Emulators.tls(fixture.emulator()), cookie));
    }

    @DisplayName("notes §2 client certificate: TLS client auth (PEM with encrypted PKCS#8 key, and PKCS#12), username only")
    @Test
    void clientCertificate() throws Exception {
        TestCertificates certificates = new TestCertificates();
        Path caPem = TestCertificates.writePem(folder.resolve("ca.pem"), certificates.ca);
        X509Certificate[] issued = new X509Certificate[1];
        KeyPair keys = certificates.client("frank-laptop", issued);
        Path certPem = TestCertificates.writePem(folder.resolve("client.pem"), issued[0]);
        Path keyPem = TestCertificates.writeEncryptedKey(folder.resolve("client.key"), keys, "keypass");
        Path p12 = TestCertificates.writePkcs12(folder.resolve("client.p12"), keys, issued[0], "p12pass");
        start(EmulatorConfig.builder()
                .user(new UserAccount("frank", null, null, SecondFactor.NONE, null, null))
                .clientAuth(ClientAuth.REQUIRE, caPem)
                .certificateUser("frank-laptop", "frank"));
        for (FortiVpnConfig.ClientCertificate certificate : List.of(
                new FortiVpnConfig.ClientCertificate(certPem, keyPem, Secret.of("keypass", "inline")),
                new FortiVpnConfig.ClientCertificate(p12, null, Secret.of("p12pass", "inline")))) {
            TlsClient tls = TlsClient.create(Emulators.server(fixture.emulator()), Emulators.pinned(fixture.emulator()), certificate);
            assertEquals("CN=frank-laptop", tls.identity().certificate().getSubjectX500Principal().getName());
            try (Portal portal = new Portal(tls, Duration.ofSeconds(5))) {
                SessionCookie cookie = flow("frank", null, null).withCertificate(portal);
                assertNotNull(portal.fetchConfig(cookie));
            }
        }
        assertEquals(2, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("notes §3: a bogus or expired cookie gets 403 on the XML: COOKIE_REJECTED")
    @Test
    void cookieRejected() throws Exception {
        start(EmulatorConfig.builder().user("alice", "secret"));
        SessionCookie cookie = passwordLogin(flow("alice", null, null), "secret");
        fixture.emulator().hooks().expireAllSessions();
        for (SessionCookie bad : List.of(cookie, SessionCookie.of("bogus"))) {
            PortalException e = assertThrows(PortalException.class, () -> config(Emulators.tls(fixture.emulator()), bad));
            assertEquals(PortalException.Kind.COOKIE_REJECTED, e.kind());
            assertTrue(e.getMessage().contains("403"), e.getMessage());
        }
    }

    @DisplayName("notes §3: a malformed XML config is a TunnelConfigException")
    @Test
    void malformedXml() throws Exception {
        start(EmulatorConfig.builder().user("alice", "secret"));
        fixture.emulator().hooks().malformedXml(true);
        SessionCookie cookie = passwordLogin(flow("alice", null, null), "secret");
        TunnelConfigException e = assertThrows(TunnelConfigException.class, () -> config(Emulators.tls(fixture.emulator()), cookie));
        assertTrue(e.getMessage().startsWith("malformed XML config from the FortiGate"), e.getMessage());
    }

    @DisplayName("TLS: a pin mismatch fails the handshake and the message gives the server's real pin")
    @Test
    void pinMismatch() throws Exception {
        start(EmulatorConfig.builder().user("alice", "secret"));
        TlsClient tls = TlsClient.create(Emulators.server(fixture.emulator()),
                new FortiVpnConfig.Tls(null, List.of("pin-sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), true, null), null);
        ServerNotTrustedException e = assertThrows(ServerNotTrustedException.class, () -> tls.connect(Duration.ofSeconds(5)));
        assertEquals(fixture.emulator().certificatePin(), e.pin());
        assertTrue(e.getMessage().startsWith("server certificate not trusted (its pin is not in tls.pins; "), e.getMessage());
        assertTrue(e.getMessage().endsWith("its pin is " + fixture.emulator().certificatePin() + "; add it to tls.pins to trust it"),
                e.getMessage());
    }

    @DisplayName("TLS: a CA file that signed the server's certificate is trusted without pins (host name checked)")
    @Test
    void caFileTrust() throws Exception {
        start(EmulatorConfig.builder().user("alice", "secret"));
        Path ca = TestCertificates.writePem(folder.resolve("emulator.pem"), fixture.emulator().certificate());
        TlsClient tls = TlsClient.create(Emulators.server(fixture.emulator()), new FortiVpnConfig.Tls(ca, null, false, null), null);
        tls.connect(Duration.ofSeconds(5)).close();
        TlsClient systemOnly = TlsClient.create(Emulators.server(fixture.emulator()), new FortiVpnConfig.Tls(null, null, true, "1.3"), null);
        ServerNotTrustedException e = assertThrows(ServerNotTrustedException.class, () -> systemOnly.connect(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("no trusted CA issued it"), e.getMessage());
    }
}
