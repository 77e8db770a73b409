package dev.quetzal.api.packet;

/**
 * Field accessors for the IPv4 header (RFC 791 §3.1) at the start of a {@link PacketBuffer}.
 *
 * <p>Static and allocation-free, for the data path. Call {@link #isWellFormed} first: the accessors
 * assume a header of at least 20 bytes and otherwise throw {@link IndexOutOfBoundsException}.
 */
public final class Ipv4Header {
    public static final int MIN_LENGTH = 20;
    public static final int TOS_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SOURCE_OFFSET = 12;
    public static final int DESTINATION_OFFSET = 16;

    private Ipv4Header() {}

    /**
     * Version 4, a header length of at least 20 bytes that fits, and a total length that is at least
     * the header and not more than the buffer holds. Trailing bytes after the total length (link
     * padding) are allowed.
     */
    public static boolean isWellFormed(PacketBuffer packet) {
        if (packet.length() < MIN_LENGTH || packet.ipVersion() != 4) {
            return false;
        }
        int headerLength = headerLength(packet);
        int totalLength = totalLength(packet);
        return headerLength >= MIN_LENGTH && headerLength <= totalLength && totalLength <= packet.length();
    }

    /** IHL × 4. */
    public static int headerLength(PacketBuffer packet) {
        return (packet.getUnsignedByte(0) & 0x0F) * 4;
    }

    public static int totalLength(PacketBuffer packet) {
        return packet.getUnsignedShort(TOTAL_LENGTH_OFFSET);
    }

    public static int identification(PacketBuffer packet) {
        return packet.getUnsignedShort(IDENTIFICATION_OFFSET);
    }

    public static boolean dontFragment(PacketBuffer packet) {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT_OFFSET) & 0x4000) != 0;
    }

    public static boolean moreFragments(PacketBuffer packet) {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT_OFFSET) & 0x2000) != 0;
    }

    /** Fragment offset in bytes. */
    public static int fragmentOffset(PacketBuffer packet) {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT_OFFSET) & 0x1FFF) * 8;
    }

    public static int ttl(PacketBuffer packet) {
        return packet.getUnsignedByte(TTL_OFFSET);
    }

    public static int protocol(PacketBuffer packet) {
        return packet.getUnsignedByte(PROTOCOL_OFFSET);
    }

    public static int checksum(PacketBuffer packet) {
        return packet.getUnsignedShort(CHECKSUM_OFFSET);
    }

    /** The source address as a big-endian int. */
    public static int source(PacketBuffer packet) {
        return packet.getInt(SOURCE_OFFSET);
    }

    /** The destination address as a big-endian int. */
    public static int destination(PacketBuffer packet) {
        return packet.getInt(DESTINATION_OFFSET);
    }

    public static void setSource(PacketBuffer packet, int address) {
        packet.putInt(SOURCE_OFFSET, address);
    }

    public static void setDestination(PacketBuffer packet, int address) {
        packet.putInt(DESTINATION_OFFSET, address);
    }

    public static void setTtl(PacketBuffer packet, int ttl) {
        packet.putByte(TTL_OFFSET, ttl);
    }

    /** The RFC 1071 checksum the header should carry (computed with the checksum field as zero). */
    public static int computeChecksum(PacketBuffer packet) {
        int headerLength = headerLength(packet);
        long sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            if (i != CHECKSUM_OFFSET) {
                sum += packet.getUnsignedShort(i);
            }
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Recomputes and stores the header checksum. */
    public static void updateChecksum(PacketBuffer packet) {
        packet.putShort(CHECKSUM_OFFSET, computeChecksum(packet));
    }
}
