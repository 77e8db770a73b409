package dev.quetzal.api.filter;

import dev.quetzal.api.PluginContext;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;

/** Services for a packet filter, including injection of packets it makes itself. */
public interface FilterContext extends PluginContext {
    /**
     * Sends a packet this filter made (a fragment, a late DNS answer) onwards from this filter's
     * place in the chain: {@link Direction#OUTBOUND} through the filters after it and then to the
     * backend; {@link Direction#INBOUND} through the filters before it and then to the session that
     * owns the destination address, or to {@code client} when it is not null. Takes ownership. Safe
     * from any thread, including from inside {@link PacketFilter#outbound}/{@link
     * PacketFilter#inbound}.
     */
    default void inject(Direction direction, PacketBuffer packet, ClientSession client) {
        throw new UnsupportedOperationException("inject");
    }
}
