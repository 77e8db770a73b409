package dev.quetzal.plugin.fortivpn.tls;

import java.io.IOException;

/**
 * The FortiGate's certificate matched no pin and no trusted CA. The message says why and gives the
 * certificate's pin, so the user can decide to trust it: {@code server certificate not trusted (...);
 * its pin is pin-sha256:...; add it to tls.pins to trust it}.
 */
public final class ServerNotTrustedException extends IOException {
    private final String pin;

    public ServerNotTrustedException(String message, String pin) {
        super(message);
        this.pin = pin;
    }

    /** The server certificate's pin-sha256, as it would go into {@code tls.pins}. */
    public String pin() {
        return pin;
    }
}
