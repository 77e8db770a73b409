package dev.quetzal.emulator.portal;

/** The portal's HTML pages: small, but shaped like FortiOS's where clients parse them. */
final class Pages {
    private Pages() {}

    static String login(String realm) {
        return """
                <!DOCTYPE html>
                <html><head><title>SSL-VPN login</title></head><body>
                <form id="login" action="/remote/logincheck" method="post">
                <input type="hidden" name="realm" value="%s">
                <label>Username <input type="text" name="username"></label>
                <label>Password <input type="password" name="credential"></label>
                <input type="hidden" name="ajax" value="1">
                <input type="submit" value="Login">
                </form></body></html>
                """.formatted(Html.escape(realm));
    }

    static String index(String username) {
        return """
                <!DOCTYPE html>
                <html><head><title>SSL-VPN portal</title></head><body>
                <h1>Welcome, %s</h1>
                <p><a href="/remote/fortisslvpn_xml">Tunnel configuration</a> | <a href="/remote/logout">Logout</a></p>
                </body></html>
                """.formatted(Html.escape(username));
    }

    /** FortiOS 4's HTML config; openfortivpn fetches it, OpenConnect uses it as a liveness check. */
    static String legacyConfig() {
        return """
                <!DOCTYPE html>
                <html><head><title>SSL-VPN tunnel</title></head><body>
                <p>Tunnel mode is available; use /remote/fortisslvpn_xml.</p>
                </body></html>
                """;
    }

    /** The 401 second-factor form of fortivpn-protocol.md §2 ("2FA, HTML type"). */
    static String tokenForm(String username, String magic, String reqid, String grpid) {
        return """
                <!DOCTYPE html>
                <html><head><title>Token</title></head><body>
                <form action="/remote/logincheck" method="post">
                <input type="hidden" name="username" value="%s">
                <input type="hidden" name="magic" value="%s">
                <input type="hidden" name="reqid" value="%s">
                <input type="hidden" name="grpid" value="%s">
                <b>Please enter your token code</b>
                <input type="password" name="credential" value="">
                <input type="submit" value="OK">
                </form></body></html>
                """.formatted(Html.escape(username), Html.escape(magic), Html.escape(reqid), Html.escape(grpid));
    }

    static String samlIdp(String realm) {
        return """
                <!DOCTYPE html>
                <html><head><title>Emulated identity provider</title></head><body>
                <form action="/remote/saml/idp" method="post">
                <input type="hidden" name="realm" value="%s">
                <label>Username <input type="text" name="username"></label>
                <label>Password <input type="password" name="password"></label>
                <input type="submit" value="Sign in">
                </form></body></html>
                """.formatted(Html.escape(realm));
    }

    static String samlDone() {
        return """
                <!DOCTYPE html>
                <html><head><title>SSL-VPN</title></head><body>
                <script>document.location="/remote/index";</script>
                </body></html>
                """;
    }
}
