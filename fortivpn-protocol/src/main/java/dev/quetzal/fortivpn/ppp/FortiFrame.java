package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * The Fortinet header in front of every PPP frame on the TLS stream, all fields big-endian:
 * {@code u16 total = pppLength + 6 | u16 0x5050 | u16 pppLength}. There is no HDLC framing.
 */
public final class FortiFrame {
    public static final int HEADER_LENGTH = 6;
    public static final int MAGIC = 0x5050;
    /** The largest PPP frame the header can describe (total fits in 16 bits). */
    public static final int MAX_PPP_LENGTH = 0xFFFF - HEADER_LENGTH;

    private FortiFrame() {}

    /** Writes the 6-byte header for a PPP frame of {@code pppLength} bytes at {@code array[offset]}. */
    public static void writeHeader(byte[] array, int offset, int pppLength) {
        if (pppLength < 1 || pppLength > MAX_PPP_LENGTH) {
            throw new IllegalArgumentException("PPP frame length outside 1.." + MAX_PPP_LENGTH + ": " + pppLength);
        }
        int total = pppLength + HEADER_LENGTH;
        array[offset] = (byte) (total >>> 8);
        array[offset + 1] = (byte) total;
        array[offset + 2] = (byte) (MAGIC >>> 8);
        array[offset + 3] = (byte) MAGIC;
        array[offset + 4] = (byte) (pppLength >>> 8);
        array[offset + 5] = (byte) pppLength;
    }

    /**
     * Turns the IP packet in {@code packet} into a complete frame in place: prepends the 2-byte PPP
     * protocol field (no {@code ff 03}) and the Fortinet header. Needs 8 bytes of headroom.
     *
     * @throws IndexOutOfBoundsException with less headroom; the packet is left unchanged
     * @throws IllegalArgumentException when the frame would exceed {@link #MAX_PPP_LENGTH}
     */
    public static void encapsulate(PacketBuffer packet, int pppProtocol) {
        int pppLength = packet.length() + 2;
        if (pppLength > MAX_PPP_LENGTH) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes does not fit a Fortinet frame");
        }
        if (packet.headroom() < HEADER_LENGTH + 2) {
            throw new IndexOutOfBoundsException("encapsulation needs 8 bytes of headroom, have " + packet.headroom());
        }
        packet.prepend(2);
        packet.putShort(0, pppProtocol);
        int at = packet.prepend(HEADER_LENGTH);
        writeHeader(packet.array(), at, pppLength);
    }
}
