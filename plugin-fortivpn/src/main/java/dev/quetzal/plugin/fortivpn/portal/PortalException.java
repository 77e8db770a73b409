package dev.quetzal.plugin.fortivpn.portal;

import java.io.IOException;

/**
 * The FortiGate answered a step of the connection in a way that ends this attempt. {@link #kind()}
 * tells the connection policy what to do next.
 */
public class PortalException extends IOException {
    /** What the failure means for the next attempt. */
    public enum Kind {
        /** The session cookie is no longer valid (403 or a redirect to the login page): log in again. */
        COOKIE_REJECTED,
        /** The credentials were refused; retrying soon will not help. */
        LOGIN_FAILED,
        /** The FortiGate answered the tunnel request with HTTP instead of PPP. */
        TUNNEL_REFUSED,
        /** Any other unexpected answer. */
        UNEXPECTED
    }

    private final Kind kind;

    public PortalException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
