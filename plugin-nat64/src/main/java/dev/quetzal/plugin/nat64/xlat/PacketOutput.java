package dev.quetzal.plugin.nat64.xlat;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * Where the translator sends packets beyond the one it rewrites in place: the leading fragments of
 * an IPv4 packet fragmented to the lowest IPv6 MTU. They are emitted in order, before the rewritten
 * packet (which becomes the last fragment).
 */
public interface PacketOutput {
    /** An empty buffer for an extra packet, or null when none is available (the packet is then dropped). */
    PacketBuffer acquire();

    /** Takes ownership of an extra packet. */
    void emit(PacketBuffer packet);
}
