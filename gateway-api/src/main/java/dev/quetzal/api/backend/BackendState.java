package dev.quetzal.api.backend;

/** Where the uplink is. Published by the backend through {@link BackendContext#publishState}. */
public sealed interface BackendState {
    /** Not connected; {@code reason} says why, for logs and status (never a secret). */
    record Disconnected(String reason) implements BackendState {}

    /** Connecting; {@code attempt} counts from 1 since the last time it was up. */
    record Connecting(int attempt) implements BackendState {}

    /**
     * Waiting for the user: a SAML sign-in link to open, a one-time password to enter or a push to
     * approve. {@code link} may be null.
     */
    record AwaitingUser(String prompt, String link) implements BackendState {}

    /** Connected; packets flow. */
    record Connected(UplinkInfo uplink) implements BackendState {}

    /** True when packets can be sent. */
    default boolean isConnected() {
        return this instanceof Connected;
    }
}
