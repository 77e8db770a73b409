package dev.quetzal.api;

/**
 * Thrown by a factory's {@code create} when the component cannot run in this installation (a
 * capability that is not built yet, or a platform it does not support). The runtime reports the
 * message as the reason the gateway did not start.
 */
public final class ComponentNotAvailableException extends RuntimeException {
    public ComponentNotAvailableException(String message) {
        super(message);
    }
}
