package dev.quetzal.emulator.session;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import java.util.BitSet;

/**
 * Client addresses of an IPv4 prefix, one per session: the network and broadcast addresses and the
 * gateway's own address are never handed out. Control plane only (synchronized).
 */
final class AddressPool {
    private final IpPrefix prefix;
    private final int size;
    private final Ipv4Address reserved;
    private final BitSet used = new BitSet();

    AddressPool(IpPrefix prefix, Ipv4Address reserved) {
        this.prefix = prefix;
        this.size = 1 << (32 - prefix.length());
        this.reserved = reserved;
    }

    /** The index (offset in the prefix) of a free address, or -1 when none is left. */
    synchronized int allocate() {
        for (int index = used.nextClearBit(1); index < size - 1; index = used.nextClearBit(index + 1)) {
            if (!address(index).equals(reserved)) {
                used.set(index);
                return index;
            }
        }
        return -1;
    }

    synchronized void release(int index) {
        used.clear(index);
    }

    Ipv4Address address(int index) {
        return ((Ipv4Address) prefix.address()).plus(index);
    }
}
