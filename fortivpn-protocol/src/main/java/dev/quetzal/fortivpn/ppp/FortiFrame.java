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
        throw new UnsupportedOperationException("todo");
    }

    /**
     * Turns the IP packet in {@code packet} into a complete frame in place: prepends the 2-byte PPP
     * protocol field (no {@code ff 03}) and the Fortinet header. Needs 8 bytes of headroom.
     */
    public static void encapsulate(PacketBuffer packet, int pppProtocol) {
        throw new UnsupportedOperationException("todo");
    }
}
