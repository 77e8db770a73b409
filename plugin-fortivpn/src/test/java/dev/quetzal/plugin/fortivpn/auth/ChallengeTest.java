package dev.quetzal.plugin.fortivpn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.plugin.fortivpn.http.HttpResponse;
import dev.quetzal.plugin.fortivpn.portal.LoginFailedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The login answers of protocol notes §2: tokeninfo and HTML challenges, FTM push, failures. */
final class ChallengeTest {
    private static final String TOKENINFO =
            "ret=2,reqid=42,polid=1-1-42,grp=staff,portal=full,peer=,magic=1-77,tokeninfo=,chal_msg=Please enter your token code";

    @DisplayName("notes §2 tokeninfo: the answer is OpenConnect 9.01's field order with the server's values echoed")
    @Test
    void tokenInfoAnswer() {
        TokenChallenge challenge = TokenChallenge.parse(TOKENINFO).orElseThrow();
        assertFalse(challenge.isPush());
        assertEquals("Please enter your token code", challenge.message());
        assertEquals("username=alice&code=123456&realm=lab&code2=&reqid=42&polid=1-1-42&grp=staff&portal=full&peer=&magic=1-77",
                challenge.codeAnswer("alice", "lab", "123456").encode());
        assertTrue(TokenChallenge.parse("ret=1,redir=/remote/index").isEmpty());
    }

    @DisplayName("notes §2 FTM push: ftmpush=1 and no magic")
    @Test
    void pushAnswer() {
        TokenChallenge challenge = TokenChallenge.parse(TOKENINFO.replace("tokeninfo=", "tokeninfo=ftm_push")).orElseThrow();
        assertTrue(challenge.isPush());
        String form = challenge.pushAnswer("alice", null).encode();
        assertEquals("username=alice&realm=&reqid=42&polid=1-1-42&grp=staff&portal=full&peer=&code=&code2=&ftmpush=1", form);
        assertFalse(form.contains("magic"));
    }

    @DisplayName("notes §2 HTML 2FA: hidden inputs posted back, the OTP in credential, the submit button left out")
    @Test
    void htmlChallenge() {
        String page = """
                <html><body><form action="/remote/logincheck" method="post">
                <p>Enter the FortiToken code</p>
                <input type="hidden" name="username" value="alice">
                <input type="hidden" name=magic value='4-5&amp;6'>
                <INPUT TYPE="hidden" NAME="reqid" VALUE="9">
                <input type="hidden" name="grpid" value="0,1,2">
                <input type="password" name="credential">
                <input type="submit" name="go" value="OK">
                </form></body></html>
                """;
        HtmlChallenge challenge = HtmlChallenge.parse(page).orElseThrow();
        assertEquals("Enter the FortiToken code", challenge.prompt());
        assertEquals("username=alice&magic=4-5%266&reqid=9&grpid=0%2C1%2C2&credential=654321",
                challenge.answer("654321").encode());
        assertTrue(HtmlChallenge.parse("<form action='/elsewhere'><input name=x></form>").isEmpty());
    }

    private static HttpResponse response(String statusLine, String body) {
        return new HttpResponse(statusLine, Integer.parseInt(statusLine.substring(9, 12)),
                List.of(new HttpRequest.Header("Set-Cookie", "SVPNCOOKIE=; expires=Thu, 01 Jan 1970 00:00:00 GMT")),
                body.getBytes(StandardCharsets.US_ASCII));
    }

    @DisplayName("notes §2 failure: 405 with ret=0 names the server's err= text")
    @Test
    void failureNamesServerError() {
        LoginFailedException e = LoginFlow.failure(response("HTTP/1.1 405 Method Not Allowed",
                "ret=0,redir=/remote/login?&err=sslvpn_login_permission_denied&lang=en"));
        assertEquals("sslvpn_login_permission_denied", e.serverError());
        assertEquals("login failed: the FortiGate answered err=sslvpn_login_permission_denied (HTTP 405 Method Not Allowed):"
                + " check the username, password and realm, and that the user is in an SSL-VPN group",
                e.getMessage());
    }

    @DisplayName("notes §2: ret=6 (password renewal) and ret=1 without a cookie are explained; other answers give the status")
    @Test
    void otherFailures() {
        assertTrue(LoginFlow.failure(response("HTTP/1.1 200 OK", "ret=6,redir=/remote/pwd")).getMessage().contains("new password"));
        assertTrue(LoginFlow.failure(response("HTTP/1.1 200 OK", "ret=1,redir=/remote/hostcheck_install?x=1"))
                .getMessage().contains("set no SVPNCOOKIE"));
        LoginFailedException e = LoginFlow.failure(response("HTTP/1.1 500 Internal Server Error", "oops"));
        assertNull(e.serverError());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }
}
