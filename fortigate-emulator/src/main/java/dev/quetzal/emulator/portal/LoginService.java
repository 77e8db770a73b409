package dev.quetzal.emulator.portal;

import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.auth.Base32;
import dev.quetzal.emulator.auth.Totp;
import dev.quetzal.emulator.config.SecondFactor;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.emulator.http.FormData;
import dev.quetzal.emulator.http.HttpResponse;
import dev.quetzal.emulator.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /remote/logincheck} (fortivpn-protocol.md §2): password or client-certificate login,
 * then the user's second factor (tokeninfo, HTML 401 form, FTM push), then a session cookie.
 * Challenge answers must repeat the challenge's fields unchanged; a challenge is single-use and
 * lasts two minutes.
 */
final class LoginService {
    static final String FAILURE_BODY = "ret=0,redir=/remote/login?&err=sslvpn_login_permission_denied&lang=en";
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(2);
    /** An FTM approval wait never holds a request longer than this, whatever the configured delay. */
    static final Duration MAX_FTM_WAIT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    private static final List<String> TOKENINFO_ECHO = List.of("polid", "grp", "portal", "magic");
    private static final List<String> FTM_ECHO = List.of("polid", "grp", "portal");
    private static final List<String> HTML_ECHO = List.of("magic", "grpid");

    private final LoginContext context;
    private final Credentials credentials;
    private final TimeSource time;
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();

    LoginService(LoginContext context) {
        this.context = context;
        this.credentials = context.credentials();
        this.time = context.time();
    }

    HttpResponse logincheck(FormData form, ClientIdentity identity) throws InterruptedException {
        String reqid = form.get("reqid");
        return reqid == null || reqid.isEmpty() ? firstStep(form, identity) : answer(reqid, form);
    }

    private HttpResponse firstStep(FormData form, ClientIdentity identity) {
        String username = form.getOrEmpty("username");
        String realm = form.getOrEmpty("realm");
        UserAccount user = context.config().user(username);
        if (user == null) {
            return deny(username, "unknown user");
        }
        if (!credentials.realmAccepted(user, realm)) {
            return deny(username, "realm \"" + realm + "\" not allowed");
        }
        String credential = form.get("credential");
        boolean passwordGiven = credential != null && !credential.isEmpty();
        if (credentials.needsCertificate(user)) {
            if (!credentials.certificateMatches(user, identity)) {
                return deny(username, "no client certificate mapped to this user");
            }
            if (passwordGiven && !credentials.passwordMatches(user, credential)) {
                return deny(username, "wrong password");
            }
        } else if (!credentials.passwordMatches(user, credential)) {
            return deny(username, "wrong password");
        }
        return switch (user.secondFactor()) {
            case NONE -> grant(user, realm);
            case TOKENINFO -> tokenChallenge(user, realm, "", "Please enter your token code");
            case FTM_PUSH -> tokenChallenge(user, realm, "ftm_push", "Please approve the FortiToken Mobile push");
            case HTML -> htmlChallenge(user, realm);
        };
    }

    /** 200, no cookie, {@code ret=2,...}: the tokeninfo challenge (and the FTM push one). */
    private HttpResponse tokenChallenge(UserAccount user, String realm, String tokeninfo, String message) {
        String reqid = number();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("polid", "1-1-" + number());
        fields.put("grp", "vpn-users");
        fields.put("portal", "full-access");
        fields.put("magic", "1-" + number());
        remember(reqid, new Challenge(user.secondFactor(), user.username(), realm, fields, time.now()));
        String body = "ret=2,reqid=" + reqid + ",polid=" + fields.get("polid") + ",grp=" + fields.get("grp")
                + ",portal=" + fields.get("portal") + ",peer=,magic=" + fields.get("magic") + ",tokeninfo="
                + tokeninfo + ",chal_msg=" + message;
        return HttpResponse.text(200, "OK", body);
    }

    /** The exact status line openfortivpn matches: {@code HTTP/1.1 401 Authorization Required}. */
    private HttpResponse htmlChallenge(UserAccount user, String realm) {
        String reqid = number();
        Map<String, String> fields = Map.of("magic", "1-" + number(), "grpid", "0," + number() + ",1");
        remember(reqid, new Challenge(SecondFactor.HTML, user.username(), realm, fields, time.now()));
        return HttpResponse.html(401, "Authorization Required",
                Pages.tokenForm(user.username(), fields.get("magic"), reqid, fields.get("grpid")));
    }

    private HttpResponse answer(String reqid, FormData form) throws InterruptedException {
        Challenge challenge = challenges.remove(reqid);
        String username = form.getOrEmpty("username");
        if (challenge == null || !time.now().isBefore(challenge.issued().plus(CHALLENGE_LIFETIME))) {
            return deny(username, "unknown or expired reqid");
        }
        if (!challenge.username().equals(username)) {
            return deny(username, "username changed between challenge and answer");
        }
        if (form.has("realm") && !challenge.realm().equals(form.get("realm"))) {
            return deny(username, "realm changed between challenge and answer");
        }
        if (form.has("peer") && !form.get("peer").isEmpty()) {
            return deny(username, "peer changed between challenge and answer");
        }
        UserAccount user = context.config().user(username);
        if (user == null) {
            return deny(username, "unknown user");
        }
        return switch (challenge.kind()) {
            case TOKENINFO -> echoed(challenge, form, TOKENINFO_ECHO)
                    ? totp(user, challenge, form.get("code"))
                    : deny(username, "challenge fields not echoed unchanged");
            case FTM_PUSH -> ftmAnswer(user, challenge, form);
            case HTML -> {
                String otp = form.getOrEmpty("credential");
                // OpenConnect 9.01 may post code= here instead (fortivpn-protocol.md §11 quirk 11).
                yield echoed(challenge, form, HTML_ECHO)
                        ? totp(user, challenge, otp.isEmpty() ? form.get("code") : otp)
                        : deny(username, "challenge fields not echoed unchanged");
            }
            case NONE -> deny(username, "no challenge pending");
        };
    }

    /** {@code ftmpush=1} without magic waits for the "phone"; a TOTP code is accepted as well. */
    private HttpResponse ftmAnswer(UserAccount user, Challenge challenge, FormData form) throws InterruptedException {
        if ("1".equals(form.get("ftmpush")) && !form.has("magic")) {
            if (!echoed(challenge, form, FTM_ECHO)) {
                return deny(user.username(), "challenge fields not echoed unchanged");
            }
            awaitApproval(challenge.issued().plus(user.ftmPushDelay()));
            return grant(user, challenge.realm());
        }
        return echoed(challenge, form, TOKENINFO_ECHO)
                ? totp(user, challenge, form.get("code"))
                : deny(user.username(), "challenge fields not echoed unchanged");
    }

    /** Holds the request until {@code approvedAt} on the emulator's clock, at most {@link #MAX_FTM_WAIT}. */
    private void awaitApproval(Instant approvedAt) throws InterruptedException {
        long limit = System.nanoTime() + MAX_FTM_WAIT.toNanos();
        while (time.now().isBefore(approvedAt) && System.nanoTime() < limit) {
            long millis = Duration.between(time.now(), approvedAt).toMillis();
            Thread.sleep(Math.clamp(millis, 1, 50));
        }
    }

    private HttpResponse totp(UserAccount user, Challenge challenge, String code) {
        if (user.totpSecret() == null) {
            return deny(user.username(), "no TOTP secret configured");
        }
        byte[] key = Base32.decode(user.totpSecret().reveal());
        return Totp.verify(key, code, time.now())
                ? grant(user, challenge.realm())
                : deny(user.username(), "wrong token code");
    }

    private static boolean echoed(Challenge challenge, FormData form, List<String> names) {
        for (String name : names) {
            if (!challenge.field(name).equals(form.get(name))) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse grant(UserAccount user, String realm) {
        Session session = context.sessions().create(user.username(), realm);
        if (session == null) {
            return deny(user.username(), "address pool exhausted");
        }
        context.stats().countLogin(true);
        return Cookies.set(HttpResponse.text(200, "OK", "ret=1,redir=/remote/index"), session.cookie());
    }

    private HttpResponse deny(String username, String why) {
        context.stats().countLogin(false);
        LOG.info("Login of \"{}\" refused: {}", username, why);
        return Cookies.clear(HttpResponse.text(405, "Method Not Allowed", FAILURE_BODY));
    }

    private void remember(String reqid, Challenge challenge) {
        Instant oldest = time.now().minus(CHALLENGE_LIFETIME);
        challenges.values().removeIf(c -> c.issued().isBefore(oldest));
        challenges.put(reqid, challenge);
    }

    private String number() {
        return Integer.toString(100_000_000 + context.random().nextInt(900_000_000));
    }
}
