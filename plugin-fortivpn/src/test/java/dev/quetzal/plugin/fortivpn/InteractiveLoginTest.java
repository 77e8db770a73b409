package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.config.SamlSettings;
import dev.quetzal.emulator.config.SecondFactor;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.plugin.fortivpn.auth.Base32;
import dev.quetzal.plugin.fortivpn.auth.LoginFlow;
import dev.quetzal.plugin.fortivpn.auth.Totp;
import dev.quetzal.runtime.service.PagePrompts;
import dev.quetzal.plugin.fortivpn.portal.Portal;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import dev.quetzal.runtime.service.DefaultScheduler;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login methods that involve a person or a cookie from elsewhere, at the backend level (protocol notes
 * §2): SAML publishes AwaitingUser with the start link and again after the session expired; FTM push
 * publishes AwaitingUser; a cookie given in the config or on standard input connects without a login;
 * an OTP prompt without a console is a clear error.
 */
@Timeout(60)
final class InteractiveLoginTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final DefaultScheduler scheduler = new DefaultScheduler();
    private final TestBackendContext context = new TestBackendContext(TimeSource.SYSTEM, scheduler);
    private final BackendFixture fixture = new BackendFixture();

    @AfterEach
    void stop() {
        fixture.close();
        scheduler.close();
    }

    private Backend create(String fields) throws Exception {
        return fixture.createBackend(folder, fields, context);
    }

    /** Plays the browser: the start page, the fake IdP's form, then the redirect to the backend's listener. */
    private void signInWithBrowser(String startUrl) throws Exception {
        HttpClient browser = Emulators.browser(fixture.emulator());
        assertEquals(200, browser.send(HttpRequest.newBuilder(URI.create(startUrl)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<Void> idp = browser.send(HttpRequest.newBuilder(URI.create(fixture.emulator().url() + "remote/saml/idp"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("realm=&username=gina&password=pw")).build(),
                HttpResponse.BodyHandlers.discarding());
        String callback = idp.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(done.body().contains("You can close this tab"));
    }

    @DisplayName("SAML: AwaitingUser with the start link, browser round trip, Connected; after expiry AwaitingUser again")
    @Test
    void saml() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        fixture.startEmulator(EmulatorConfig.builder().user("gina", "pw")
                .saml(new SamlSettings(true, "http://127.0.0.1:" + port + "/?id=%s")));
        create("\"saml\": {\"enabled\": true, \"listen\": \"127.0.0.1:" + port + "\"}").start();
        BackendState.AwaitingUser waiting = (BackendState.AwaitingUser) context.awaitState(0,
                s -> s instanceof BackendState.AwaitingUser, WAIT);
        String startUrl = "https://127.0.0.1:" + fixture.emulator().address().getPort() + "/remote/saml/start?redirect=1";
        assertEquals(startUrl, waiting.link());
        assertEquals("127.0.0.1:" + port, fixture.backend().status().get("samlListener"));
        signInWithBrowser(startUrl);
        context.awaitConnected(0, WAIT);

        int mark = context.states.size();
        fixture.emulator().hooks().expireAllSessions();
        int again = context.awaitIndex(mark, s -> s instanceof BackendState.AwaitingUser, WAIT);
        signInWithBrowser(((BackendState.AwaitingUser) context.states.get(again)).link());
        context.awaitConnected(again, WAIT);
        assertEquals(2, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("FTM push: AwaitingUser(\"approve the FortiToken push\"), then Connected")
    @Test
    void ftmPush() throws Exception {
        fixture.startEmulator(EmulatorConfig.builder().user(UserAccount.of("erin", "pw")
                .withSecondFactor(SecondFactor.FTM_PUSH, null).withFtmPushDelay(Duration.ofMillis(200))));
        create("\"username\": \"erin\", \"password\": \"pw\"").start();
        int waiting = context.awaitIndex(0, s -> s.equals(new BackendState.AwaitingUser("approve the FortiToken push", null)),
                WAIT);
        int connected = context.states.indexOf(context.awaitConnected(waiting, WAIT));
        assertEquals(new BackendState.Connecting(1), context.states.get(connected - 1), "after the approval: connecting");
    }

    @DisplayName("tokeninfo TOTP from the config's secret: Connected without anyone")
    @Test
    void totp() throws Exception {
        fixture.startEmulator(EmulatorConfig.builder().user(UserAccount.of("carol", "pw")
                .withSecondFactor(SecondFactor.TOKENINFO, "JBSWY3DPEHPK3PXP")));
        create("\"username\": \"carol\", \"password\": \"pw\", \"otp\": {\"totp\": \"JBSWY3DPEHPK3PXP\"}").start();
        context.awaitConnected(0, WAIT);
    }

    @DisplayName("otp.prompt without a console: Disconnected with a clear reason, nobody left waiting")
    @Test
    void promptWithoutConsole() throws Exception {
        fixture.startEmulator(EmulatorConfig.builder().user(UserAccount.of("dave", "pw")
                .withSecondFactor(SecondFactor.HTML, "JBSWY3DPEHPK3PXP")));
        create("\"username\": \"dave\", \"password\": \"pw\", \"otp\": {\"prompt\": true}").start();
        context.awaitState(0, s -> s instanceof BackendState.Disconnected d
                && d.reason().startsWith("otp.prompt needs an interactive console"), WAIT);
        assertTrue(context.states.stream().noneMatch(s -> s instanceof BackendState.AwaitingUser), context.states.toString());
    }

    @DisplayName("otp.page (issue 9, sign-in page): AwaitingUser, the question on the page, the answer connects")
    @Test
    void otpFromPage() throws Exception {
        fixture.startEmulator(EmulatorConfig.builder().user(UserAccount.of("frank", "pw")
                .withSecondFactor(SecondFactor.TOKENINFO, "JBSWY3DPEHPK3PXP")));
        create("\"username\": \"frank\", \"password\": \"pw\", \"otp\": {\"page\": true}").start();
        context.awaitState(0, s -> s instanceof BackendState.AwaitingUser a && a.prompt().contains("status page"), WAIT);
        PagePrompts.Open open = awaitQuestion();
        assertTrue(open.prompt().startsWith("FortiVPN one-time password"), open.prompt());
        assertTrue(context.prompts.answer(open.id(), Totp.FORTITOKEN.code(Base32.decode("JBSWY3DPEHPK3PXP"),
                java.time.Instant.now())));
        context.awaitConnected(0, WAIT);
        assertTrue(context.prompts.open().isEmpty(), "the question is closed once answered");
    }

    private PagePrompts.Open awaitQuestion() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var open = context.prompts.open();
            if (open.isPresent()) {
                return open.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no question on the page within " + WAIT);
    }

    private SessionCookie cookieFromBrowser() throws Exception {
        try (Portal portal = new Portal(Emulators.tls(fixture.emulator()), Duration.ofSeconds(5))) {
            return new LoginFlow("alice", null, null, (p, l) -> {}, WAIT).withPassword(portal, "secret");
        }
    }

    @DisplayName("notes §2 cookie: a cookie given in the config connects without a login")
    @Test
    void givenCookie() throws Exception {
        fixture.startEmulator(BackendFixture.alice());
        String cookie = cookieFromBrowser().headerValue();
        create("\"cookie\": \"" + cookie + "\"").start();
        context.awaitConnected(0, WAIT);
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
        assertEquals("cookie", fixture.backend().status().get("loginMethod"));
    }

    @DisplayName("notes §2 cookie-on-stdin: AwaitingUser, then the cookie read from standard input connects")
    @Test
    void cookieFromStdin() throws Exception {
        fixture.startEmulator(BackendFixture.alice());
        String cookie = cookieFromBrowser().headerValue();
        FortiVpnConfig config = fixture.config(folder, "\"cookieFromStdin\": true");
        fixture.use(new FortiVpnBackend(config, context, Emulators.tls(fixture.emulator()),
                () -> new ByteArrayInputStream((cookie + "\n").getBytes(StandardCharsets.US_ASCII))));
        fixture.backend().start();
        context.awaitState(0, s -> s instanceof BackendState.AwaitingUser a && a.prompt().contains("standard input"), WAIT);
        context.awaitConnected(0, WAIT);
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }
}
