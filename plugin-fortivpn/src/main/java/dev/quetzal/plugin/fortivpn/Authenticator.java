package dev.quetzal.plugin.fortivpn;

import dev.quetzal.plugin.fortivpn.FortiVpnConfig.LoginMethod;
import dev.quetzal.plugin.fortivpn.auth.LoginFlow;
import dev.quetzal.plugin.fortivpn.auth.OtpSource;
import dev.quetzal.plugin.fortivpn.auth.SamlLogin;
import dev.quetzal.plugin.fortivpn.auth.UserInteraction;
import dev.quetzal.plugin.fortivpn.portal.LoginFailedException;
import dev.quetzal.plugin.fortivpn.portal.Portal;
import dev.quetzal.plugin.fortivpn.portal.PortalException;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/** Gets a session cookie by the configured login method. Called from one attempt at a time. */
final class Authenticator {
    /** The FortiGate holds an FTM push request until the phone answers; FortiOS gives up after about a minute. */
    private static final Duration PUSH_WAIT = Duration.ofSeconds(120);

    private final FortiVpnConfig config;
    private final LoginMethod method;
    private final UserInteraction user;
    private final Supplier<InputStream> stdin;
    private final LoginFlow flow;
    private final SamlLogin saml;
    private boolean givenCookieUsed;

    Authenticator(FortiVpnConfig config, OtpSource otp, UserInteraction user, Supplier<InputStream> stdin) {
        this.config = config;
        this.method = config.loginMethod();
        this.user = user;
        this.stdin = stdin;
        this.flow = new LoginFlow(config.username(), config.realm(), otp, user, PUSH_WAIT);
        this.saml = method == LoginMethod.SAML
                ? new SamlLogin(config.saml().listen(), config.server(), config.realm(), user) : null;
    }

    LoginMethod method() {
        return method;
    }

    /** False when the only credential is a cookie given once: a rejected cookie ends the backend's tries. */
    boolean canLogInAgain() {
        return method != LoginMethod.COOKIE;
    }

    SessionCookie login(Portal portal) throws IOException {
        return switch (method) {
            case PASSWORD -> flow.withPassword(portal, config.password().reveal());
            case CLIENT_CERTIFICATE -> flow.withCertificate(portal);
            case SAML -> saml.login(portal);
            case COOKIE -> givenCookie();
        };
    }

    /** The SAML listener's address while it waits for the browser, else null. */
    InetSocketAddress samlListener() {
        return saml == null ? null : saml.boundAddress();
    }

    /** Stops an interactive wait (the SAML listener) from another thread. */
    void abort() {
        if (saml != null) {
            saml.abort();
        }
    }

    private SessionCookie givenCookie() throws IOException {
        if (givenCookieUsed) {
            throw new PortalException(PortalException.Kind.COOKIE_REJECTED,
                    "the FortiGate no longer accepts the given cookie, and there is no other way to log in");
        }
        givenCookieUsed = true;
        String text;
        if (config.cookie() != null) {
            text = config.cookie().reveal();
        } else {
            user.awaitingUser("paste the SVPNCOOKIE on the gateway's standard input", null);
            BufferedReader reader = new BufferedReader(new InputStreamReader(stdin.get(), StandardCharsets.US_ASCII));
            text = reader.readLine();
            if (text == null || text.isBlank()) {
                throw new LoginFailedException("no SVPNCOOKIE on standard input (cookieFromStdin)", null);
            }
        }
        try {
            return SessionCookie.of(text);
        } catch (IllegalArgumentException e) {
            throw new LoginFailedException("the given cookie is not an SVPNCOOKIE value: " + e.getMessage(), null);
        }
    }
}
