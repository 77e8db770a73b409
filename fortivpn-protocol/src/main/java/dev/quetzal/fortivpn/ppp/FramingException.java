package dev.quetzal.fortivpn.ppp;

import java.io.IOException;

/**
 * The TLS stream does not carry valid Fortinet frames (bad magic, inconsistent lengths, a frame
 * above the limit). The stream cannot be resynchronised: the connection must be closed.
 */
public final class FramingException extends IOException {
    public FramingException(String message) {
        super(message);
    }
}
