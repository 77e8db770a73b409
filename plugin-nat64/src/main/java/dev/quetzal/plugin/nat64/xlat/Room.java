package dev.quetzal.plugin.nat64.xlat;

import dev.quetzal.api.packet.PacketBuffer;

/** Moving a packet's start inside its buffer, for headers that grow or shrink. */
final class Room {
    private Room() {}

    /**
     * Makes relative index {@code start} the packet's new first byte: a positive one drops bytes at
     * the front, a negative one adds {@code -start} bytes from the headroom, or, when the headroom is
     * too small, shifts the packet towards the tail first. False when the buffer is too small.
     */
    static boolean moveStart(PacketBuffer p, int start) {
        if (start >= 0) {
            p.trimFront(start);
            return true;
        }
        int need = -start;
        if (p.headroom() < need) {
            int shift = need - p.headroom();
            if (p.tailroom() < shift) {
                return false;
            }
            int from = p.arrayOffset();
            System.arraycopy(p.array(), from, p.array(), from + shift, p.length());
            p.setBounds(from + shift, p.length());
        }
        p.prepend(need);
        return true;
    }
}
