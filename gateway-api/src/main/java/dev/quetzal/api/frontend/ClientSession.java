package dev.quetzal.api.frontend;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One connected client, as the router sees it.
 *
 * <p>Implemented by frontends. Identity, addresses and endpoint may be read from any thread.
 */
public interface ClientSession {
    /** Unique among the frontend's current sessions, stable for the session's life; for logs and status. */
    String id();

    /** Who the client proved to be (certificate subject, user name); never a secret. */
    String identity();

    /** The inner addresses the router delivers to this session. Fixed while attached. */
    List<IpAddress> innerAddresses();

    /** Where the client's packets come from now (it may change with NAT rebinding or MOBIKE). */
    InetSocketAddress remoteEndpoint();

    /**
     * Sends an IP packet to the client. Takes ownership: the session must release the buffer when
     * it has been sent or dropped. Called on the router's caller thread (the backend's reader, or a
     * frontend thread for replies made by filters), possibly concurrently with other calls; must not
     * block. The buffer's headroom and tailroom are at least the pool's, enough for the frontend's
     * encapsulation.
     */
    void deliver(PacketBuffer packet);
}
