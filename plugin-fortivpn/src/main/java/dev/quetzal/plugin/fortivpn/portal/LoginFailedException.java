package dev.quetzal.plugin.fortivpn.portal;

/**
 * The FortiGate refused the login (protocol notes §2: 405 or 200 with {@code ret=0}, or no cookie).
 * {@link #serverError()} is the server's {@code err=} text, such as {@code sslvpn_login_permission_denied}.
 */
public final class LoginFailedException extends PortalException {
    private final String serverError;

    public LoginFailedException(String message, String serverError) {
        super(Kind.LOGIN_FAILED, message);
        this.serverError = serverError;
    }

    /** The server's {@code err=} value, or null when it gave none. */
    public String serverError() {
        return serverError;
    }
}
