package dev.quetzal.fortivpn.ppp;

/**
 * Reads the start of a PPP frame as clients send it: optionally {@code ff 03} (address and control,
 * OpenConnect sends them, FortiGates do not), then a 2-byte protocol field, or a 1-byte one when
 * protocol-field compression is used (RFC 1661 §6.5: an odd first byte). Static and allocation-free,
 * for the data path.
 */
public final class PppHeader {
    private PppHeader() {}

    /**
     * The protocol of the frame at {@code array[offset, offset + length)}, or -1 when the frame is too
     * short to hold one.
     */
    public static int protocol(byte[] array, int offset, int length) {
        throw new UnsupportedOperationException("todo");
    }

    /** Bytes before the payload: 0 or 2 for {@code ff 03}, plus 1 or 2 for the protocol field; -1 if too short. */
    public static int headerLength(byte[] array, int offset, int length) {
        throw new UnsupportedOperationException("todo");
    }
}
