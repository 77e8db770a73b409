package dev.quetzal.emulator.portal;

import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.EmulatorHooks;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.http.HttpRequest;
import dev.quetzal.emulator.http.HttpResponse;
import dev.quetzal.emulator.session.Session;
import dev.quetzal.emulator.session.SessionStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The HTTPS portal's endpoints (fortivpn-protocol.md §2-§4 and §12). Host is never checked (quirk 13)
 * and query strings are ignored where clients add them ({@code ?dual_stack=1}).
 */
public final class Portal {
    private final EmulatorConfig config;
    private final SessionStore sessions;
    private final EmulatorHooks hooks;
    private final EmulatorStats stats;
    private final LoginService login;
    private final SamlService saml;

    public Portal(EmulatorConfig config, SessionStore sessions, EmulatorHooks hooks, EmulatorStats stats,
            SecureRandom random) {
        this.config = config;
        this.sessions = sessions;
        this.hooks = hooks;
        this.stats = stats;
        LoginContext context = LoginContext.of(config, sessions, stats, random);
        this.login = new LoginService(context);
        this.saml = new SamlService(context);
    }

    /** The stats key of a request path: the endpoint, {@code /<realm>}, or {@code other}. */
    public static String endpoint(String path) {
        return switch (path) {
            case "/", "/remote/login", "/remote/logincheck", "/remote/index", "/remote/fortisslvpn",
                    "/remote/fortisslvpn_xml", "/remote/logout", "/remote/sslvpn-tunnel", "/remote/saml/start",
                    "/remote/saml/idp", "/remote/saml/auth_id" -> path;
            default -> isRealmPath(path) ? "/<realm>" : "other";
        };
    }

    public Outcome handle(HttpRequest request, ClientIdentity identity) throws InterruptedException {
        String method = request.method();
        String path = request.path();
        return switch (endpoint(path)) {
            case "/" -> get(method, () -> HttpResponse.redirect("/remote/login?lang=en"));
            case "/<realm>" -> get(method, () -> HttpResponse.redirect("/remote/login?realm="
                    + URLEncoder.encode(decode(path.substring(1)), StandardCharsets.UTF_8) + "&lang=en"));
            case "/remote/login" -> get(method, () -> HttpResponse.html(200, "OK",
                    Pages.login(request.queryParameters().getOrEmpty("realm"))));
            case "/remote/logincheck" -> method.equals("POST")
                    ? respond(login.logincheck(request.form(), identity))
                    : respond(methodNotAllowed());
            case "/remote/index" -> withSession(method, request, s -> HttpResponse.html(200, "OK", Pages.index(s.username())));
            case "/remote/fortisslvpn" -> withSession(method, request, s -> HttpResponse.html(200, "OK", Pages.legacyConfig()));
            case "/remote/fortisslvpn_xml" -> withSession(method, request, this::xml);
            case "/remote/logout" -> get(method, () -> logout(request));
            case "/remote/sslvpn-tunnel" -> tunnel(method, request);
            case "/remote/saml/start" -> samlEnabled() ? get(method, () -> saml.start(request.queryParameters())) : notFound();
            case "/remote/saml/idp" -> !samlEnabled() ? notFound()
                    : method.equals("POST") ? respond(saml.signIn(request.form())) : respond(methodNotAllowed());
            case "/remote/saml/auth_id" -> samlEnabled() ? get(method, () -> saml.authId(request.queryParameters())) : notFound();
            default -> notFound();
        };
    }

    /** Quirk 4: the XML answer never carries Set-Cookie (OpenConnect 9.01 crashes on it). */
    private HttpResponse xml(Session session) {
        String body = hooks.malformedXml() ? TunnelXml.MALFORMED : TunnelXml.render(session, config.tunnel());
        return HttpResponse.of(200, "OK", "text/xml; charset=utf-8", body);
    }

    private HttpResponse logout(HttpRequest request) {
        String cookie = request.cookie(Cookies.NAME);
        if (sessions.end(cookie, "logout")) {
            stats.countLogout();
        }
        return Cookies.clear(HttpResponse.html(200, "OK", "<html><body>Logged out</body></html>"));
    }

    private Outcome tunnel(String method, HttpRequest request) {
        if (!method.equals("GET")) {
            return respond(methodNotAllowed());
        }
        Session session = sessions.find(request.cookie(Cookies.NAME));
        boolean refused = hooks.refuseTunnel() || session == null
                || (!config.tunnel().tunConnectWithoutReauth() && session.tunnelsOpened() > 0);
        if (refused) {
            stats.countTunnelRefused();
            return respond(forbidden());
        }
        return new Outcome.OpenTunnel(session);
    }

    private Outcome withSession(String method, HttpRequest request, java.util.function.Function<Session, HttpResponse> page) {
        if (!method.equals("GET")) {
            return respond(methodNotAllowed());
        }
        Session session = sessions.find(request.cookie(Cookies.NAME));
        return respond(session == null ? forbidden() : page.apply(session));
    }

    private boolean samlEnabled() {
        return config.saml().enabled();
    }

    private static Outcome get(String method, java.util.function.Supplier<HttpResponse> page) {
        return respond(method.equals("GET") ? page.get() : methodNotAllowed());
    }

    private static Outcome respond(HttpResponse response) {
        return new Outcome.Respond(response);
    }

    private static HttpResponse forbidden() {
        return HttpResponse.html(403, "Forbidden", "<html><body>Permission denied</body></html>");
    }

    private static HttpResponse methodNotAllowed() {
        return HttpResponse.text(405, "Method Not Allowed", "method not allowed");
    }

    private static Outcome notFound() {
        return respond(HttpResponse.html(404, "Not Found", "<html><body>Not found</body></html>"));
    }

    /** {@code /name}: one path segment that is not the portal's own {@code /remote}. */
    private static boolean isRealmPath(String path) {
        return path.length() > 1 && path.indexOf('/', 1) < 0 && !path.equals("/remote") && !path.equals("/favicon.ico");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
