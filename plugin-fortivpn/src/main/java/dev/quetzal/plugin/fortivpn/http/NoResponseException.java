package dev.quetzal.plugin.fortivpn.http;

import java.io.IOException;

/** The stream ended before a response began: typically a kept-alive connection the server had closed. */
public final class NoResponseException extends IOException {
    public NoResponseException() {
        super("the FortiGate closed the connection without answering");
    }
}
