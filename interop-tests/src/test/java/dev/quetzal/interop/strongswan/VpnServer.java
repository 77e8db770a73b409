package dev.quetzal.interop.strongswan;

import java.io.IOException;

/**
 * The gateway under test in the server namespace of a {@link SwanTopology}, listening on 198.18.0.1
 * with a pool from 198.18.2.0/24 and the host 198.18.1.1 behind it. The interop tests drive a real
 * strongSwan client against it; {@link StrongSwanServer} is the baseline, Quetzal's frontend goes
 * in its place.
 */
public interface VpnServer extends AutoCloseable {
    /** A short name for reports, e.g. "strongSwan 5.9.8". */
    String name();

    /**
     * Starts the server with {@code pki}'s server certificate, accepting clients of its CA, offering
     * only {@code suite}, on UDP port {@code port} (500 is the standard mode; any other is custom-port
     * mode, where the strongSwan client uses ports 6000/6001). Returns once the server accepts IKE.
     */
    void start(InteropPki pki, Suite suite, int port) throws IOException;

    /** Stops the server (bounded); a no-op when it is not running. */
    void stop() throws IOException;

    /** The process whose CPU time is the gateway's cost; IllegalStateException when not running. */
    long pid();

    @Override
    default void close() throws IOException {
        stop();
    }
}
