package dev.quetzal.api.filter;

import dev.quetzal.api.Component;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * Looks at and may rewrite every IP packet. Filters run in config order towards the network and in
 * reverse order towards clients, so a list reads from the client side to the network side.
 *
 * <p><b>Threads.</b> Both methods are called on data-path threads, {@code outbound} from every
 * frontend's receive loop and {@code inbound} from the backend's reader, so concurrently: an
 * implementation must be thread-safe, must not block, and should not allocate per packet.
 *
 * <p><b>Ownership.</b> The router owns the packet while a filter looks at it. The filter may rewrite
 * it in place (within its headroom and tailroom). The verdict decides what happens next: {@link
 * Verdict.Pass} continues, {@link Verdict.Drop} counts and releases it, {@link Verdict.Reply} turns
 * it around, {@link Verdict.Consumed} hands ownership to the filter (which releases or {@linkplain
 * FilterContext#inject injects} it later). A filter that throws is treated as a drop with reason
 * {@code filter-error} and the error is logged at a limited rate.
 */
public interface PacketFilter extends Component {
    /** A packet from {@code client} towards the network. */
    default Verdict outbound(PacketBuffer packet, ClientSession client) {
        return Verdict.PASS;
    }

    /** A packet from the network towards a client. */
    default Verdict inbound(PacketBuffer packet) {
        return Verdict.PASS;
    }

    @Override
    default void close() {}
}
