package dev.quetzal.runtime.napt;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * Incremental Internet checksum updates (RFC 1624 §3, eqn. 3: {@code HC' = ~(~HC + ~m + m')}), so a
 * translated packet's checksums are fixed from the words that changed instead of summing the payload
 * again. Static and allocation-free.
 */
final class Checksums {
    private Checksums() {}

    /** The checksum {@code checksum} becomes when a 16-bit word of the covered data goes from {@code old} to {@code now}. */
    static int adjust(int checksum, int old, int now) {
        int sum = (~checksum & 0xFFFF) + (~old & 0xFFFF) + (now & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return ~sum & 0xFFFF;
    }

    /** As {@link #adjust(int, int, int)} for a 32-bit value (an IPv4 address) that changed. */
    static int adjust32(int checksum, int old, int now) {
        return adjust(adjust(checksum, old >>> 16, now >>> 16), old & 0xFFFF, now & 0xFFFF);
    }

    /** As {@link #adjust(int, int, int)} for a 64-bit value (half an IPv6 address) that changed. */
    static int adjust64(int checksum, long old, long now) {
        return adjust32(adjust32(checksum, (int) (old >>> 32), (int) (now >>> 32)), (int) old, (int) now);
    }

    /**
     * Fixes the checksum stored at {@code checksumAt} for an IPv4 address that changed from {@code old}
     * to {@code now}. With {@code udp}, a zero checksum means "none" (RFC 768) and stays zero, and a
     * result of zero is sent as all ones.
     */
    static void update32(PacketBuffer packet, int checksumAt, int old, int now, boolean udp) {
        int checksum = packet.getUnsignedShort(checksumAt);
        if (udp && checksum == 0) {
            return;
        }
        store(packet, checksumAt, adjust32(checksum, old, now), udp);
    }

    /** Fixes the checksum at {@code checksumAt} for a 16-bit field (a port or identifier) that changed. */
    static void update16(PacketBuffer packet, int checksumAt, int old, int now, boolean udp) {
        int checksum = packet.getUnsignedShort(checksumAt);
        if (udp && checksum == 0) {
            return;
        }
        store(packet, checksumAt, adjust(checksum, old, now), udp);
    }

    /** Fixes the checksum at {@code checksumAt} for an IPv6 address that changed. */
    static void update128(PacketBuffer packet, int checksumAt, long oldHigh, long oldLow, long high, long low,
            boolean udp) {
        int checksum = packet.getUnsignedShort(checksumAt);
        store(packet, checksumAt, adjust64(adjust64(checksum, oldHigh, high), oldLow, low), udp);
    }

    private static void store(PacketBuffer packet, int checksumAt, int checksum, boolean udp) {
        packet.putShort(checksumAt, udp && checksum == 0 ? 0xFFFF : checksum);
    }
}
