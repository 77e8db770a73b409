package dev.quetzal.api.backend;

import dev.quetzal.api.Component;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * The uplink into the remote network (FortiVPN, or a test harness). There is one per gateway.
 *
 * <p>{@code start} begins connecting and should return without waiting for the connection: the
 * backend reports progress with {@link BackendContext#publishState}. It keeps reconnecting on its
 * own until closed.
 */
public interface Backend extends Component {
    /**
     * Sends an IP packet into the remote network. Takes ownership and releases the buffer once
     * written or dropped. Called from several threads at once (each frontend's receive loop); must
     * not block: queue to a writer and drop (counted) when the queue is full or the uplink is down.
     * The packet's headroom is at least the pool's, enough for the backend's framing.
     */
    void send(PacketBuffer packet);

    /** The state last published. */
    BackendState state();

    /**
     * Whether the remote network accepts only packets from the addresses this backend was assigned (a FortiGate
     * drops any other source). When it does and the config leaves {@code napt.enabled} unset, the runtime
     * translates clients onto those addresses (NAPT). Since API 1.3.
     */
    default boolean acceptsOnlyAssignedAddresses() {
        return false;
    }
}
