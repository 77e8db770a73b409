package dev.quetzal.plugin.fortivpn.auth;

import dev.quetzal.plugin.fortivpn.http.FormBody;
import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.plugin.fortivpn.http.HttpResponse;
import dev.quetzal.plugin.fortivpn.portal.LoginFailedException;
import dev.quetzal.plugin.fortivpn.portal.Portal;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /remote/logincheck} and the challenges that may follow (protocol notes §2): tokeninfo
 * (ret=2) with a code or an FTM push, and the HTML-401 form. Success is a non-empty {@code
 * SVPNCOOKIE}, whatever the status (as OpenConnect decides); anything else is a {@link
 * LoginFailedException} naming the server's {@code err=} text.
 */
public final class LoginFlow {
    private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);
    /** Several rounds are legal (notes §2); a server that never stops asking is not. */
    private static final int MAX_ROUNDS = 5;
    private static final Pattern ERR = Pattern.compile("[?&,]err=([^&,\\s]*)");
    private static final Pattern RET = Pattern.compile("^ret=(\\d+)");

    private final String username;
    private final String realm;
    private final OtpSource otp;
    private final UserInteraction user;
    private final Duration pushWait;

    /**
     * @param otp where codes come from, or null when none is configured (then only a push can pass 2FA)
     * @param pushWait how long the FortiGate may hold an FTM push request while the phone approves
     */
    public LoginFlow(String username, String realm, OtpSource otp, UserInteraction user, Duration pushWait) {
        this.username = username;
        this.realm = realm;
        this.otp = otp;
        this.user = user;
        this.pushWait = pushWait;
    }

    /** Password login: {@code username&credential&realm&ajax=1&just_logged_in=1} (OpenConnect 9.01's form). */
    public SessionCookie withPassword(Portal portal, String password) throws IOException {
        FormBody form = new FormBody().add("username", username).add("credential", password)
                .add("realm", realm == null ? "" : realm).add("ajax", "1").add("just_logged_in", "1");
        return submit(portal, form);
    }

    /** Client-certificate login: the user name and no credential (openfortivpn's form); TLS proves the rest. */
    public SessionCookie withCertificate(Portal portal) throws IOException {
        FormBody form = new FormBody().add("username", username).add("realm", realm == null ? "" : realm)
                .add("ajax", "1").add("redir", "/remote/index").add("just_logged_in", "1");
        return submit(portal, form);
    }

    private SessionCookie submit(Portal portal, FormBody first) throws IOException {
        HttpResponse response = post(portal, first, null);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<String> cookie = response.setCookie(SessionCookie.NAME).filter(v -> !v.isEmpty());
            if (cookie.isPresent()) {
                return cookieFrom(cookie.get());
            }
            String body = response.bodyText();
            Optional<HtmlChallenge> html = response.status() == 401 ? HtmlChallenge.parse(body) : Optional.empty();
            if (html.isPresent()) {
                log.info("the FortiGate asks for a one-time password (HTML form)");
                response = post(portal, html.get().answer(code(html.get().prompt())), null);
                continue;
            }
            Optional<TokenChallenge> token = response.status() == 200 ? TokenChallenge.parse(body) : Optional.empty();
            if (token.isPresent()) {
                TokenChallenge challenge = token.get();
                if (challenge.isPush() && otp == null) {
                    log.info("the FortiGate sent a FortiToken push; waiting up to {} s for its approval", pushWait.toSeconds());
                    user.awaitingUser("approve the FortiToken push", null);
                    response = post(portal, challenge.pushAnswer(username, realm), pushWait);
                } else {
                    log.info("the FortiGate asks for a one-time password (tokeninfo)");
                    response = post(portal, challenge.codeAnswer(username, realm, code(challenge.message())), null);
                }
                continue;
            }
            throw failure(response);
        }
        throw new LoginFailedException("login failed: the FortiGate asked for more than " + MAX_ROUNDS
                + " rounds of challenges", null);
    }

    private String code(String challenge) throws IOException {
        if (otp == null) {
            throw new LoginFailedException("login failed: the FortiGate asks for a one-time password"
                    + (challenge.isEmpty() ? "" : " (\"" + clip(challenge) + "\")")
                    + "; configure otp.totp, otp.command, otp.prompt or otp.page", null);
        }
        return otp.next(clip(challenge), user);
    }

    private static HttpResponse post(Portal portal, FormBody form, Duration wait) throws IOException {
        HttpRequest request = HttpRequest.postForm(Portal.LOGIN_CHECK, form);
        return wait == null ? portal.exchange(request, null) : portal.exchange(request, null, wait);
    }

    private static SessionCookie cookieFrom(String value) throws LoginFailedException {
        try {
            return SessionCookie.of(value);
        } catch (IllegalArgumentException e) {
            throw new LoginFailedException("login failed: the FortiGate set an unusable SVPNCOOKIE", null);
        }
    }

    /** Turns a final non-cookie answer into a message with the server's own words. */
    static LoginFailedException failure(HttpResponse response) {
        String body = response.bodyText().strip();
        Matcher err = ERR.matcher(body);
        String serverError = err.find() && !err.group(1).isEmpty() ? clip(err.group(1)) : null;
        Matcher ret = RET.matcher(body);
        String status = response.statusLine().length() > 9 ? response.statusLine().substring(9).strip() : response.statusLine();
        if (serverError != null) {
            String hint = serverError.equals("sslvpn_login_permission_denied")
                    ? ": check the username, password and realm, and that the user is in an SSL-VPN group" : "";
            return new LoginFailedException("login failed: the FortiGate answered err=" + serverError
                    + " (HTTP " + clip(status) + ")" + hint, serverError);
        }
        if (ret.find() && ret.group(1).equals("6")) {
            return new LoginFailedException("login failed: the FortiGate asks for a new password (ret=6), "
                    + "which this client does not support; change it in the web portal", null);
        }
        if (ret.find(0) && ret.group(1).equals("1")) {
            return new LoginFailedException("login failed: the FortiGate accepted the credentials but set no SVPNCOOKIE"
                    + " (it may require host checking, which is not supported)", null);
        }
        return new LoginFailedException("login failed: the FortiGate answered HTTP " + clip(status)
                + " without a session cookie", null);
    }

    private static String clip(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            out.append(c >= ' ' && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
