package dev.quetzal.plugin.fortivpn.http;

import java.io.IOException;

/** The FortiGate's HTTP answer could not be read: malformed, truncated or too large. */
public final class HttpException extends IOException {
    public HttpException(String message) {
        super(message);
    }
}
