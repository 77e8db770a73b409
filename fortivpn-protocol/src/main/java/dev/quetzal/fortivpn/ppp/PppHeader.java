package dev.quetzal.fortivpn.ppp;

/**
 * Reads the start of a PPP frame as clients send it: optionally {@code ff 03} (address and control,
 * OpenConnect sends them, FortiGates do not), then a 2-byte protocol field, or a 1-byte one when
 * protocol-field compression is used (RFC 1661 §6.5: an odd first byte). Static and allocation-free,
 * for the data path.
 */
public final class PppHeader {
    /** RFC 1661 §3.1: the All-Stations address and the Unnumbered Information control field. */
    public static final int ADDRESS = 0xFF;
    public static final int CONTROL = 0x03;

    private PppHeader() {}

    /**
     * The protocol of the frame at {@code array[offset, offset + length)}, or -1 when the frame is too
     * short to hold one.
     */
    public static int protocol(byte[] array, int offset, int length) {
        int skip = addressControlLength(array, offset, length);
        int at = offset + skip;
        int left = length - skip;
        if (left < 1) {
            return -1;
        }
        int first = array[at] & 0xFF;
        // RFC 1661 §2: the high octet of a protocol number is even, so an odd first octet is a
        // compressed (1-byte) field.
        if ((first & 1) != 0) {
            return first;
        }
        return left < 2 ? -1 : (first << 8) | (array[at + 1] & 0xFF);
    }

    /** Bytes before the payload: 0 or 2 for {@code ff 03}, plus 1 or 2 for the protocol field; -1 if too short. */
    public static int headerLength(byte[] array, int offset, int length) {
        int skip = addressControlLength(array, offset, length);
        int left = length - skip;
        if (left < 1) {
            return -1;
        }
        if ((array[offset + skip] & 1) != 0) {
            return skip + 1;
        }
        return left < 2 ? -1 : skip + 2;
    }

    /** 2 when the frame starts with {@code ff 03} (RFC 1661 §6.6: not compressed), else 0. */
    private static int addressControlLength(byte[] array, int offset, int length) {
        return length >= 2 && (array[offset] & 0xFF) == ADDRESS && array[offset + 1] == CONTROL ? 2 : 0;
    }
}
