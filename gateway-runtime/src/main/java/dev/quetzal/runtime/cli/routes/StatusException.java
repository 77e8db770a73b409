package dev.quetzal.runtime.cli.routes;

/**
 * The running gateway's status could not be used: not reachable, not HTTP 200, or not the JSON that
 * {@code /status} serves. The message is one line that names the URL.
 */
public final class StatusException extends Exception {
    public StatusException(String message) {
        super(message);
    }

    public StatusException(String message, Throwable cause) {
        super(message, cause);
    }
}
