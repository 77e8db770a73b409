package dev.quetzal.emulator.config;

/**
 * The fake SAML login of fortivpn-protocol.md §2: a built-in "IdP" page, then a redirect to the
 * client's local listener with the session id.
 *
 * @param enabled serve {@code /remote/saml/*}
 * @param callbackUrl where the IdP sends the browser, {@code %s} being the session id (default
 *     openfortivpn's {@code http://127.0.0.1:8020/?id=%s})
 */
public record SamlSettings(boolean enabled, String callbackUrl) {
    public static final String DEFAULT_CALLBACK = "http://127.0.0.1:8020/?id=%s";

    public SamlSettings {
        callbackUrl = callbackUrl == null ? DEFAULT_CALLBACK : callbackUrl;
        if (!callbackUrl.contains("%s")) {
            throw new IllegalArgumentException("expected a callbackUrl with %s for the id, got \"" + callbackUrl + "\"");
        }
    }

    public static SamlSettings defaults() {
        return new SamlSettings(true, null);
    }
}
