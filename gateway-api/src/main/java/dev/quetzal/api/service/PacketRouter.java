package dev.quetzal.api.service;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * Moves IP packets between client sessions, the filter chain and the backend.
 *
 * <p>Client to network: {@link #fromClient} runs the filters in config order, then hands the packet
 * to the backend. Network to client: {@link #fromNetwork} runs the filters in reverse order, looks up
 * the session that owns the destination address and calls its {@link ClientSession#deliver}. Both
 * run on the caller's thread, never block, never allocate in steady state, and take ownership of the
 * packet (a dropped packet is counted by reason and released). Lookups are lock-free; several threads
 * may call at once.
 */
public interface PacketRouter {
    /** A decrypted IP packet from {@code session}. Takes ownership. */
    void fromClient(ClientSession session, PacketBuffer packet);

    /** An IP packet from the uplink. Takes ownership. */
    void fromNetwork(PacketBuffer packet);

    /**
     * Makes {@code session}'s {@link ClientSession#innerAddresses()} routable to it until the
     * returned handle is closed. An address already attached to another session moves to this one
     * (the newest SA wins, as after a reconnect) and the move is logged.
     */
    Attachment attach(ClientSession session);

    /** A session's claim on its addresses; closing it twice is harmless. */
    interface Attachment extends AutoCloseable {
        @Override
        void close();
    }
}
