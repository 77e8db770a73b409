package dev.quetzal.api.packet;

/**
 * Field accessors for the fixed IPv6 header (RFC 8200 §3) at the start of a {@link PacketBuffer}.
 *
 * <p>Static and allocation-free. Addresses are read as two big-endian longs (high and low 64 bits).
 * Call {@link #isWellFormed} first.
 */
public final class Ipv6Header {
    public static final int LENGTH = 40;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SOURCE_OFFSET = 8;
    public static final int DESTINATION_OFFSET = 24;

    private Ipv6Header() {}

    /** Version 6, at least 40 bytes, and a payload length that the buffer holds (jumbograms are refused). */
    public static boolean isWellFormed(PacketBuffer packet) {
        return packet.length() >= LENGTH
                && packet.ipVersion() == 6
                && LENGTH + payloadLength(packet) <= packet.length();
    }

    public static int trafficClass(PacketBuffer packet) {
        return (packet.getInt(0) >>> 20) & 0xFF;
    }

    public static int flowLabel(PacketBuffer packet) {
        return packet.getInt(0) & 0xFFFFF;
    }

    public static int payloadLength(PacketBuffer packet) {
        return packet.getUnsignedShort(PAYLOAD_LENGTH_OFFSET);
    }

    public static int nextHeader(PacketBuffer packet) {
        return packet.getUnsignedByte(NEXT_HEADER_OFFSET);
    }

    public static int hopLimit(PacketBuffer packet) {
        return packet.getUnsignedByte(HOP_LIMIT_OFFSET);
    }

    public static long sourceHigh(PacketBuffer packet) {
        return packet.getLong(SOURCE_OFFSET);
    }

    public static long sourceLow(PacketBuffer packet) {
        return packet.getLong(SOURCE_OFFSET + 8);
    }

    public static long destinationHigh(PacketBuffer packet) {
        return packet.getLong(DESTINATION_OFFSET);
    }

    public static long destinationLow(PacketBuffer packet) {
        return packet.getLong(DESTINATION_OFFSET + 8);
    }

    public static void setHopLimit(PacketBuffer packet, int hopLimit) {
        packet.putByte(HOP_LIMIT_OFFSET, hopLimit);
    }

    public static void setSource(PacketBuffer packet, long high, long low) {
        packet.putLong(SOURCE_OFFSET, high);
        packet.putLong(SOURCE_OFFSET + 8, low);
    }

    public static void setDestination(PacketBuffer packet, long high, long low) {
        packet.putLong(DESTINATION_OFFSET, high);
        packet.putLong(DESTINATION_OFFSET + 8, low);
    }
}
