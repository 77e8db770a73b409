package dev.quetzal.emulator.session;

/** What a session needs from its tunnel connection, if one is up. */
public interface TunnelHandle {
    /** Orderly end: LCP Terminate-Request with {@code reason}, then the connection closes. */
    void terminate(String reason);

    /** Immediate end, no PPP goodbye: a newer tunnel of the same session took over. */
    void abort();

    /** IPCP is open. */
    boolean up();
}
