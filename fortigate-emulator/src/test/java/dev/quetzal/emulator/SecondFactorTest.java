package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.auth.Base32;
import dev.quetzal.emulator.auth.Totp;
import dev.quetzal.emulator.config.SecondFactor;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.RawResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Second factors of fortivpn-protocol.md §2: tokeninfo, HTML 401 form and FTM push. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class SecondFactorTest {
    private static final String SECRET = "JBSWY3DPEHPK3PXP";
    private static final Duration FTM_DELAY = Duration.ofMillis(300);

    @RegisterExtension
    static final EmulatorFixture fixture = EmulatorFixture.startedWith(EmulatorConfig.builder()
            .user(UserAccount.of("tok", "pw").withSecondFactor(SecondFactor.TOKENINFO, SECRET))
            .user(UserAccount.of("web", "pw").withSecondFactor(SecondFactor.HTML, SECRET))
            .user(UserAccount.of("ftm", "pw").withSecondFactor(SecondFactor.FTM_PUSH, SECRET)
                    .withFtmPushDelay(FTM_DELAY)));

    private static String otp() {
        return Totp.codeAt(Base32.decode(SECRET), Instant.now());
    }

    /** The {@code ret=2,...} body as fields, in the server's order. */
    private static Map<String, String> challenge(RawResponse response) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : response.bodyText().split(",")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return fields;
    }

    private static Map<String, String> tokenChallenge(PortalClient client, String user) throws Exception {
        RawResponse first = client.post("/remote/logincheck", "username=" + user + "&credential=pw&realm=&ajax=1&just_logged_in=1");
        assertEquals(200, first.status());
        assertNull(first.svpnCookie(), "no cookie before the second factor");
        Map<String, String> fields = challenge(first);
        assertEquals("2", fields.get("ret"));
        return fields;
    }

    @Test
    @DisplayName("§2 tokeninfo: ret=2 challenge, then OpenConnect 9.01's field order with code= gets the cookie")
    void tokeninfoOpenConnectOrder() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            Map<String, String> c = tokenChallenge(client, "tok");
            assertTrue(c.get("polid").startsWith("1-1-"));
            assertTrue(c.get("magic").startsWith("1-"));
            assertEquals("", c.get("tokeninfo"));
            assertEquals("", c.get("peer"));
            assertEquals("Please enter your token code", c.get("chal_msg"));
            RawResponse second = client.post("/remote/logincheck", "username=tok&code=" + otp() + "&realm=&code2="
                    + "&reqid=" + c.get("reqid") + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal="
                    + c.get("portal") + "&peer=&magic=" + c.get("magic"));
            assertEquals(200, second.status(), second.bodyText());
            assertTrue(second.svpnCookie().length() > 20);
        }
    }

    @Test
    @DisplayName("§2 tokeninfo: openfortivpn's field order works too")
    void tokeninfoOpenfortivpnOrder() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            Map<String, String> c = tokenChallenge(client, "tok");
            RawResponse second = client.post("/remote/logincheck", "username=tok&realm=&reqid=" + c.get("reqid")
                    + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal=" + c.get("portal")
                    + "&peer=&code=" + otp() + "&code2=&magic=" + c.get("magic"));
            assertEquals(200, second.status(), second.bodyText());
        }
    }

    @Test
    @DisplayName("§2 tokeninfo: a wrong reqid, a changed polid or magic, or a wrong code fail with 405")
    void tokeninfoEchoIsChecked() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            Map<String, String> c = tokenChallenge(client, "tok");
            String rest = "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal=" + c.get("portal")
                    + "&peer=&magic=" + c.get("magic");
            assertEquals(405, client.post("/remote/logincheck", "username=tok&code=" + otp() + "&realm=&reqid=1"
                    + rest).status());
            c = tokenChallenge(client, "tok");
            assertEquals(405, client.post("/remote/logincheck", "username=tok&code=" + otp() + "&realm=&reqid="
                    + c.get("reqid") + "&polid=1-1-0&grp=" + c.get("grp") + "&portal=" + c.get("portal")
                    + "&peer=&magic=" + c.get("magic")).status());
            c = tokenChallenge(client, "tok");
            assertEquals(405, client.post("/remote/logincheck", "username=tok&code=" + otp() + "&realm=&reqid="
                    + c.get("reqid") + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal="
                    + c.get("portal") + "&peer=&magic=1-0").status());
            c = tokenChallenge(client, "tok");
            String wrong = otp().equals("000000") ? "111111" : "000000";
            assertEquals(405, client.post("/remote/logincheck", "username=tok&code=" + wrong + "&realm=&reqid="
                    + c.get("reqid") + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal="
                    + c.get("portal") + "&peer=&magic=" + c.get("magic")).status());
            c = tokenChallenge(client, "tok");
            assertEquals(405, client.post("/remote/logincheck", "username=other&code=" + otp() + "&realm=&reqid="
                    + c.get("reqid") + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal="
                    + c.get("portal") + "&peer=&magic=" + c.get("magic")).status());
        }
    }

    @Test
    @DisplayName("§2 tokeninfo: a challenge answered once cannot be replayed")
    void challengeIsSingleUse() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            Map<String, String> c = tokenChallenge(client, "tok");
            String answer = "username=tok&code=" + otp() + "&realm=&reqid=" + c.get("reqid") + "&polid=" + c.get("polid")
                    + "&grp=" + c.get("grp") + "&portal=" + c.get("portal") + "&peer=&magic=" + c.get("magic");
            assertEquals(200, client.post("/remote/logincheck", answer).status());
            assertEquals(405, client.post("/remote/logincheck", answer).status());
        }
    }

    @Test
    @DisplayName("§2 HTML 2FA: exactly 'HTTP/1.1 401 Authorization Required' with the form; OTP in credential")
    void htmlTwoFactor() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            RawResponse first = client.post("/remote/logincheck", "username=web&credential=pw&realm=&ajax=1");
            assertEquals("HTTP/1.1 401 Authorization Required", first.statusLine());
            assertNull(first.svpnCookie());
            String html = first.bodyText();
            assertTrue(html.contains("action=\"/remote/logincheck\""), html);
            Map<String, String> hidden = hiddenInputs(html);
            assertEquals("web", hidden.get("username"));
            assertTrue(html.contains("name=\"credential\""));
            RawResponse wrongGrp = client.post("/remote/logincheck", "username=web&magic=" + hidden.get("magic")
                    + "&reqid=" + hidden.get("reqid") + "&grpid=0,1,1&credential=" + otp());
            assertEquals(405, wrongGrp.status());

            first = client.post("/remote/logincheck", "username=web&credential=pw&realm=&ajax=1");
            hidden = hiddenInputs(first.bodyText());
            String echo = "username=web&magic=" + hidden.get("magic") + "&reqid=" + hidden.get("reqid") + "&grpid="
                    + hidden.get("grpid");
            RawResponse second = client.post("/remote/logincheck", echo + "&credential=" + otp());
            assertEquals(200, second.status(), second.bodyText());
            assertTrue(second.svpnCookie().length() > 20);
        }
    }

    @Test
    @DisplayName("§2 FTM push: tokeninfo=ftm_push; ftmpush=1 without magic is held until the push is approved")
    void ftmPushWaitsForApproval() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            Map<String, String> c = tokenChallenge(client, "ftm");
            assertEquals("ftm_push", c.get("tokeninfo"));
            long started = System.nanoTime();
            RawResponse second = client.post("/remote/logincheck", "username=ftm&realm=&reqid=" + c.get("reqid")
                    + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal=" + c.get("portal")
                    + "&peer=&ftmpush=1");
            long waited = System.nanoTime() - started;
            assertEquals(200, second.status(), second.bodyText());
            assertTrue(second.svpnCookie().length() > 20);
            // A lower bound only: the approval cannot come before the configured delay.
            assertTrue(waited >= FTM_DELAY.toNanos() - TimeUnit.MILLISECONDS.toNanos(50), "waited " + waited);
        }
    }

    @Test
    @DisplayName("§2 FTM push: a TOTP code is accepted instead of waiting; ftmpush with a changed field fails")
    void ftmPushAcceptsCode() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            Map<String, String> c = tokenChallenge(client, "ftm");
            RawResponse byCode = client.post("/remote/logincheck", "username=ftm&code=" + otp() + "&realm=&reqid="
                    + c.get("reqid") + "&polid=" + c.get("polid") + "&grp=" + c.get("grp") + "&portal="
                    + c.get("portal") + "&peer=&magic=" + c.get("magic"));
            assertEquals(200, byCode.status(), byCode.bodyText());
            c = tokenChallenge(client, "ftm");
            RawResponse tampered = client.post("/remote/logincheck", "username=ftm&realm=&reqid=" + c.get("reqid")
                    + "&polid=" + c.get("polid") + "&grp=other&portal=" + c.get("portal") + "&peer=&ftmpush=1");
            assertEquals(405, tampered.status());
        }
    }

    private static Map<String, String> hiddenInputs(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }
}
