package dev.quetzal.interop.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.config.SamlSettings;
import dev.quetzal.emulator.config.SecondFactor;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.plugin.fortivpn.auth.Base32;
import dev.quetzal.plugin.fortivpn.auth.Totp;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.testing.Packets;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.frontend.Ikev2Frontend;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status and sign-in page in a real browser (issue 9, acceptance "a headless-Chromium test signs in with SAML
 * and with OTP through the page and sees the tunnel come up"): Debian's chromium, driven over the DevTools
 * protocol, against a gateway whose fortivpn backend logs in to the in-process FortiGate emulator. Screenshots of
 * the page go to {@code interop-tests/target/statuspage-screenshots/}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class StatusPageChromiumIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "statuspage-screenshots");
    private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    @TempDir
    Path folder;

    private Path chromium;
    private FortiGateEmulator emulator;
    private Gateway gateway;
    private HeadlessChromium browser;
    private TestPki pki;

    @BeforeEach
    void findChromium() {
        chromium = InteropEnvironment.requireProgram("chromium", "chromium");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (gateway != null) {
                gateway.stop();
            }
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    @Test
    @DisplayName("issue 9 SAML through the page (fortivpn-protocol.md §2 SAML): the page, opened with its token, shows"
            + " the sign-in link; the browser follows it, signs in at the emulator's IdP, comes back to the backend's"
            + " listener, and the page shows the uplink connected")
    void samlSignIn() throws Exception {
        int samlPort = freePort();
        emulator = FortiGateEmulator.start(EmulatorConfig.builder().user("gina", "pw")
                .saml(new SamlSettings(true, "http://127.0.0.1:" + samlPort + "/?id=%s")).build());
        startGateway("\"saml\": {\"enabled\": true, \"listen\": \"127.0.0.1:" + samlPort + "\"}", true);
        String page = gateway.statusPageUrl();
        assertTrue(page.contains("?token="), "status.requireToken: the page needs the token: " + page);
        browser = startBrowser();

        browser.navigate(page);
        browser.waitFor("location.search === '' && document.getElementById('sign-in-link').href.includes('/remote/saml/start')",
                WAIT, "the SAML sign-in link on the page (the token traded for a cookie and dropped from the address)");
        browser.screenshot(SHOTS.resolve("saml-1-sign-in-link.png"));

        browser.evaluate("document.getElementById('sign-in-link').click(); true");
        browser.waitFor("location.pathname === '/remote/saml/start' && !!document.querySelector('input[name=username]')",
                WAIT, "the emulator's IdP form");
        browser.evaluate("document.querySelector('input[name=username]').value = 'gina';"
                + "document.querySelector('input[name=password]').value = 'pw'; true");
        browser.screenshot(SHOTS.resolve("saml-2-identity-provider.png"));
        browser.evaluate("document.querySelector('form').submit(); true");
        browser.waitFor("location.port === '" + samlPort + "' && document.body.innerText.includes('You can close this tab')",
                WAIT, "the backend's SAML listener to take the id");

        browser.navigate("http://" + gateway.statusAddress() + "/");
        awaitConnectedOnPage();
        browser.screenshot(SHOTS.resolve("saml-3-connected.png"));
        assertTrue(gateway.services().uplink().current() instanceof BackendState.Connected,
                gateway.services().uplink().current().toString());
        assertEquals(1, emulator.stats().loginsSucceeded());
    }

    @Test
    @DisplayName("issue 9 OTP through the page (fortivpn-protocol.md §2 tokeninfo): password login, the page shows the"
            + " one-time password form, the browser types the code and sends it, the tunnel comes up; a client that"
            + " connects shows with its address, selectors (RFC 7296 §2.9) and traffic")
    void otpSignIn() throws Exception {
        emulator = FortiGateEmulator.start(EmulatorConfig.builder().user(UserAccount.of("frank", "pw")
                .withSecondFactor(SecondFactor.TOKENINFO, TOTP_SECRET)).build());
        startGateway("\"username\": \"frank\", \"password\": {\"env\": \"FORTI_PASSWORD\"}, \"otp\": {\"page\": true}",
                false);
        browser = startBrowser();

        browser.navigate(gateway.statusPageUrl());
        browser.waitFor("!document.getElementById('prompt-form').hidden"
                + " && document.getElementById('prompt-label').textContent.includes('one-time password')",
                WAIT, "the one-time password form");
        browser.screenshot(SHOTS.resolve("otp-1-prompt.png"));

        browser.evaluate("document.getElementById('prompt-answer').focus(); true");
        browser.type(Totp.FORTITOKEN.code(Base32.decode(TOTP_SECRET), Instant.now()));
        browser.evaluate("document.getElementById('prompt-submit').click(); true");
        awaitConnectedOnPage();
        browser.screenshot(SHOTS.resolve("otp-2-connected.png"));
        assertTrue(gateway.services().uplink().current() instanceof BackendState.Connected,
                gateway.services().uplink().current().toString());
        assertEquals(1, emulator.stats().loginsSucceeded());
        assertTrue(gateway.services().prompts().open().isEmpty(), "the question is closed once answered");

        // A client connects and sends: the page lists it with its address, selectors and traffic.
        Ikev2Frontend frontend = (Ikev2Frontend) gateway.components().stream().map(c -> c.component())
                .filter(Ikev2Frontend.class::isInstance).findFirst().orElseThrow();
        try (UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            client.connect(frontend.localEndpoints().getFirst());
            ChildSaSpec child = client.awaitChild(spec -> !spec.innerAddresses().isEmpty(), WAIT);
            IpAddress inner = child.innerAddresses().getFirst();
            byte[] payload = new byte[1000];
            for (int i = 0; i < 20; i++) {
                client.send(Packets.udp(inner, 40000 + i, IpAddress.parse("198.18.0.53"), 9, payload));
            }
            browser.waitFor("(() => { const row = document.querySelector('#clients tbody tr');"
                    + " return !!row && row.cells[1].textContent === '" + inner + "'"
                    + " && row.cells[3].textContent.includes('0.0.0.0-255.255.255.255')"
                    + " && row.cells[4].textContent.includes('(20 / '); })()",
                    WAIT, "the client with its address, selectors and 20 packets from it");
            browser.screenshot(SHOTS.resolve("otp-3-client.png"));
        }
    }

    private void awaitConnectedOnPage() throws Exception {
        browser.waitFor("document.getElementById('uplink-state').textContent === 'connected'"
                + " && document.getElementById('sign-in').hidden"
                + " && document.getElementById('uplink').textContent.includes('198.18.')",
                WAIT, "the page to show the uplink connected with its address");
    }

    private HeadlessChromium startBrowser() throws Exception {
        Path profile = Files.createDirectories(folder.resolve("chromium-profile"));
        Files.createDirectories(SHOTS);
        return HeadlessChromium.start(chromium, profile, folder.resolve("chromium.log"));
    }

    /** The gateway: the ikev2 frontend on 127.0.0.1, the fortivpn backend to the emulator with {@code login}. */
    private void startGateway(String login, boolean requireToken) throws Exception {
        pki = TestPki.create(folder, KeyType.ECDSA_P256);
        gateway = GatewayModule.createGateway(GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "ikev2", "listenAddress": "127.0.0.1", "natPort": 0, "ikePort": 0,
                                 "singlePort": true, "certificate": "server.pem", "key": "server-key.pem",
                                 "clientCa": "ca.pem"}],
                  "backend": {"type": "fortivpn", "server": "127.0.0.1:%d", "tls": {"pins": ["%s"], "systemTrust": false},
                              %s},
                  "addressPool": {"ipv4": "100.64.0.0/24"},
                  "status": {"enabled": true, "listen": "127.0.0.1:0", "requireToken": %s}
                }
                """.formatted(emulator.address().getPort(), emulator.certificatePin(), login, requireToken),
                Map.of("FORTI_PASSWORD", "pw")));
        gateway.start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
