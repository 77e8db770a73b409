package dev.quetzal.plugin.fortivpn.auth;

import java.io.IOException;

/** No one-time password could be obtained (command failed, no console, nothing configured). */
public final class OtpException extends IOException {
    public OtpException(String message) {
        super(message);
    }
}
