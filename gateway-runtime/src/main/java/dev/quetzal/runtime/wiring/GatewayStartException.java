package dev.quetzal.runtime.wiring;

/** A component could not be created or started; the message names it. The cause keeps the detail. */
public final class GatewayStartException extends Exception {
    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
