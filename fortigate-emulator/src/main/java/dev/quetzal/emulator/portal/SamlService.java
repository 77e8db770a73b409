package dev.quetzal.emulator.portal;

import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.emulator.http.FormData;
import dev.quetzal.emulator.http.HttpResponse;
import dev.quetzal.emulator.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAML flow as openfortivpn's {@code --saml-login} sees it (fortivpn-protocol.md §2): a start page
 * that stands in for the IdP, a redirect to the client's local listener with an id, and
 * {@code /remote/saml/auth_id?id=} trading that id (single-use, two minutes) for the cookie.
 */
final class SamlService {
    static final Duration ID_LIFETIME = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(SamlService.class);

    private record Pending(String username, String realm, Instant issued) {}

    private final LoginContext context;
    private final Credentials credentials;
    private final TimeSource time;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    SamlService(LoginContext context) {
        this.context = context;
        this.credentials = context.credentials();
        this.time = context.time();
    }

    HttpResponse start(FormData query) {
        return HttpResponse.html(200, "OK", Pages.samlIdp(query.getOrEmpty("realm")));
    }

    /** The fake IdP's sign-in: good credentials redirect to the callback URL with a fresh id. */
    HttpResponse signIn(FormData form) {
        String username = form.getOrEmpty("username");
        String realm = form.getOrEmpty("realm");
        UserAccount user = context.config().user(username);
        if (user == null || !credentials.realmAccepted(user, realm)
                || !credentials.passwordMatches(user, form.get("password"))) {
            context.stats().countLogin(false);
            LOG.info("SAML sign-in of \"{}\" refused", username);
            return HttpResponse.html(403, "Forbidden", "<html><body>Sign-in failed</body></html>");
        }
        byte[] bytes = new byte[18];
        context.random().nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = time.now();
        pending.values().removeIf(p -> !now.isBefore(p.issued().plus(ID_LIFETIME)));
        pending.put(id, new Pending(username, realm, now));
        return HttpResponse.redirect(context.config().saml().callbackUrl().formatted(id));
    }

    HttpResponse authId(FormData query) {
        String id = query.get("id");
        Pending entry = id == null ? null : pending.remove(id);
        if (entry == null || !time.now().isBefore(entry.issued().plus(ID_LIFETIME))) {
            context.stats().countLogin(false);
            LOG.info("SAML id unknown, used or expired");
            return Cookies.clear(HttpResponse.html(403, "Forbidden", "<html><body>Invalid SAML id</body></html>"));
        }
        Session session = context.sessions().create(entry.username(), entry.realm());
        if (session == null) {
            context.stats().countLogin(false);
            return Cookies.clear(HttpResponse.html(403, "Forbidden", "<html><body>No address left</body></html>"));
        }
        context.stats().countLogin(true);
        return Cookies.set(HttpResponse.html(200, "OK", Pages.samlDone()), session.cookie());
    }
}
