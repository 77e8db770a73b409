package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.config.SamlSettings;
import dev.quetzal.emulator.testing.ManualTime;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.RawResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SAML flow of openfortivpn's --saml-login, fortivpn-protocol.md §2 "SAML". */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class SamlTest {
    private final ManualTime time = new ManualTime();

    @RegisterExtension
    final EmulatorFixture fixture = EmulatorFixture.onDemand();

    private FortiGateEmulator start(SamlSettings saml, TimeSource clock) throws Exception {
        return fixture.start(EmulatorFixture.alice()
                .saml(saml)
                .timeSource(clock));
    }

    private static String signIn(PortalClient client, String password) throws Exception {
        RawResponse start = client.get("/remote/saml/start?redirect=1&realm=", null);
        assertEquals(200, start.status());
        assertTrue(start.bodyText().contains("action=\"/remote/saml/idp\""), start.bodyText());
        RawResponse idp = client.post("/remote/saml/idp", "username=alice&password=" + password + "&realm=");
        if (idp.status() != 302) {
            return null;
        }
        String location = idp.header("Location");
        assertTrue(location.startsWith("http://127.0.0.1:8020/?id="), location);
        return location.substring(location.indexOf("?id=") + 4);
    }

    @Test
    @DisplayName("§2 SAML: start page, IdP redirect to 127.0.0.1:8020/?id=, auth_id sets the cookie once")
    void roundTrip() throws Exception {
        start(SamlSettings.defaults(), TimeSource.SYSTEM);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String id = signIn(client, "secret");
            RawResponse auth = client.get("/remote/saml/auth_id?id=" + id, null);
            assertEquals(200, auth.status());
            String cookie = auth.svpnCookie();
            assertTrue(cookie != null && cookie.length() > 20);
            assertEquals(200, client.get("/remote/fortisslvpn_xml", cookie).status());
            assertEquals(403, client.get("/remote/saml/auth_id?id=" + id, null).status(), "single use");
        }
    }

    @Test
    @DisplayName("§2 SAML: wrong IdP password is refused; unknown ids get 403")
    void badCredentialsAndIds() throws Exception {
        start(SamlSettings.defaults(), TimeSource.SYSTEM);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            long failed = fixture.emulator().stats().loginsFailed();
            assertEquals(null, signIn(client, "wrong"));
            assertEquals(403, client.get("/remote/saml/auth_id?id=nope", null).status());
            assertEquals(failed + 2, fixture.emulator().stats().loginsFailed());
        }
    }

    @Test
    @DisplayName("§2 SAML: an id expires after two minutes (clock driven by hand)")
    void idExpires() throws Exception {
        start(SamlSettings.defaults(), time);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String id = signIn(client, "secret");
            time.advance(Duration.ofMinutes(2).plusSeconds(1));
            assertEquals(403, client.get("/remote/saml/auth_id?id=" + id, null).status());
        }
    }

    @Test
    @DisplayName("§2 SAML: a custom callback template, and 404 when SAML is off")
    void callbackTemplateAndDisabled() throws Exception {
        start(new SamlSettings(true, "http://localhost:9000/cb?sid=%s&x=1"), TimeSource.SYSTEM);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            client.get("/remote/saml/start?redirect=1", null);
            RawResponse idp = client.post("/remote/saml/idp", "username=alice&password=secret");
            assertTrue(idp.header("Location").matches("http://localhost:9000/cb\\?sid=[A-Za-z0-9_-]+&x=1"),
                    idp.header("Location"));
        }
        fixture.emulator().close();
        start(new SamlSettings(false, null), TimeSource.SYSTEM);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(404, client.get("/remote/saml/start?redirect=1", null).status());
        }
    }
}
