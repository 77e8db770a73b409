package dev.quetzal.emulator.config;

/** Whether the TLS server asks for a client certificate. */
public enum ClientAuth {
    NONE,
    /** Asked for, optional (a client without one still logs in with a password). */
    REQUEST,
    /** The handshake fails without a certificate signed by the configured CA. */
    REQUIRE
}
