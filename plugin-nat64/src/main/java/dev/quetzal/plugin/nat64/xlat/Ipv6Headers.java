package dev.quetzal.plugin.nat64.xlat;

/**
 * Walks an IPv6 header chain (RFC 8200 §4) without allocating: hop-by-hop, routing, fragment and
 * destination options headers are stepped over; the first other Next Header is the upper layer (an
 * unknown protocol is kept, not refused). The result is packed in a {@code long}: negative when the
 * chain is malformed, else see the accessors.
 */
public final class Ipv6Headers {
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int DESTINATION_OPTIONS = 60;
    static final int ICMPV6 = 58;
    private static final int MAX_HEADERS = 16;

    private Ipv6Headers() {}

    /**
     * Walks the chain of the IPv6 packet at {@code a[at]} whose bytes end at {@code a[end]}.
     * {@code end} may cut the packet short (an inner packet in an ICMP error): a chain that runs past
     * it is malformed.
     */
    public static long walk(byte[] a, int at, int end) {
        int nh = a[at + 6] & 0xFF;
        int off = 40;
        int frag = 0;
        int segmentsLeftPointer = 0;
        for (int i = 0; i < MAX_HEADERS; i++) {
            switch (nh) {
                case HOP_BY_HOP, DESTINATION_OPTIONS, ROUTING -> {
                    if (at + off + 8 > end) {
                        return -1;
                    }
                    if (nh == ROUTING && segmentsLeftPointer == 0 && (a[at + off + 3] & 0xFF) != 0) {
                        segmentsLeftPointer = off + 3;
                    }
                    nh = a[at + off] & 0xFF;
                    off += ((a[at + off + 1] & 0xFF) + 1) * 8;
                }
                case FRAGMENT -> {
                    if (frag != 0 || at + off + 8 > end) {
                        return -1;
                    }
                    frag = off;
                    nh = a[at + off] & 0xFF;
                    off += 8;
                    // Past a non-first fragment the rest is payload, not headers.
                    if ((Checksum.u16(a, at + frag + 2) & 0xFFF8) != 0) {
                        return pack(off, nh, frag, segmentsLeftPointer);
                    }
                }
                default -> {
                    if (at + off > end) {
                        return -1;
                    }
                    return pack(off, nh, frag, segmentsLeftPointer);
                }
            }
        }
        return -1;
    }

    private static long pack(int l4, int proto, int frag, int segmentsLeftPointer) {
        return (long) l4 | (long) proto << 16 | (long) frag << 24 | (long) segmentsLeftPointer << 40;
    }

    /** Offset of the upper-layer header from the IPv6 header's start. */
    public static int upperLayer(long walk) {
        return (int) (walk & 0xFFFF);
    }

    /** The upper-layer protocol number. */
    public static int protocol(long walk) {
        return (int) (walk >>> 16) & 0xFF;
    }

    /** Offset of the Fragment header, or 0 when there is none. */
    public static int fragmentHeader(long walk) {
        return (int) (walk >>> 24) & 0xFFFF;
    }

    /** Offset of the first non-zero Segments Left field of a Routing header, or 0. */
    public static int segmentsLeftPointer(long walk) {
        return (int) (walk >>> 40) & 0xFFFF;
    }
}
