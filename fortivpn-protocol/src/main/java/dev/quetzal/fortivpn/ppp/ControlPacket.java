package dev.quetzal.fortivpn.ppp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An LCP, IPCP or IPv6CP packet (RFC 1661 §5): code, identifier, data. Control-plane only, so it
 * allocates freely. Unknown codes are kept, not rejected.
 */
public record ControlPacket(int code, int identifier, byte[] data) {
    public static final int CONFIGURE_REQUEST = 1;
    public static final int CONFIGURE_ACK = 2;
    public static final int CONFIGURE_NAK = 3;
    public static final int CONFIGURE_REJECT = 4;
    public static final int TERMINATE_REQUEST = 5;
    public static final int TERMINATE_ACK = 6;
    public static final int CODE_REJECT = 7;
    public static final int PROTOCOL_REJECT = 8;
    public static final int ECHO_REQUEST = 9;
    public static final int ECHO_REPLY = 10;
    public static final int DISCARD_REQUEST = 11;

    /** Code, identifier and the 2-byte length. */
    public static final int HEADER_LENGTH = 4;
    /** The length field is 16 bits and counts the header. */
    public static final int MAX_DATA_LENGTH = 0xFFFF - HEADER_LENGTH;

    public ControlPacket {
        Objects.requireNonNull(data, "data");
        if (code < 0 || code > 0xFF || identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("code " + code + " or identifier " + identifier + " outside 0..255");
        }
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("control packet data of " + data.length + " bytes exceeds " + MAX_DATA_LENGTH);
        }
    }

    /**
     * Parses the packet that follows the PPP header. Bytes after the packet's own length field are
     * padding and ignored (RFC 1661 §5).
     */
    public static ControlPacket parse(byte[] array, int offset, int length) throws PppException {
        Objects.checkFromIndexSize(offset, length, array.length);
        if (length < HEADER_LENGTH) {
            throw new PppException("control packet of " + length + " bytes is shorter than its 4-byte header");
        }
        int declared = ((array[offset + 2] & 0xFF) << 8) | (array[offset + 3] & 0xFF);
        if (declared < HEADER_LENGTH) {
            throw new PppException("control packet length field " + declared + " is below 4");
        }
        if (declared > length) {
            throw new PppException("control packet length field " + declared + " exceeds the " + length + " bytes received");
        }
        return new ControlPacket(array[offset] & 0xFF, array[offset + 1] & 0xFF,
                Arrays.copyOfRange(array, offset + HEADER_LENGTH, offset + declared));
    }

    /** A packet whose data is an option list (Configure-Request, -Ack, -Nak, -Reject). */
    public static ControlPacket ofOptions(int code, int identifier, List<ConfigOption> options) {
        return new ControlPacket(code, identifier, ConfigOption.encodeAll(options));
    }

    /** The data as an option list; for the Configure codes. */
    public List<ConfigOption> options() throws PppException {
        return ConfigOption.parseAll(data);
    }

    /** Header and data, as the length field counts them. */
    public int encodedLength() {
        return HEADER_LENGTH + data.length;
    }

    /** The whole PPP frame: 2-byte protocol field, then this packet. No {@code ff 03}, no Fortinet header. */
    public byte[] toFrame(int pppProtocol) {
        byte[] frame = new byte[2 + encodedLength()];
        frame[0] = (byte) (pppProtocol >>> 8);
        frame[1] = (byte) pppProtocol;
        writeTo(frame, 2);
        return frame;
    }

    /** Writes code, identifier, length and data at {@code array[offset]}. */
    public void writeTo(byte[] array, int offset) {
        int length = encodedLength();
        array[offset] = (byte) code;
        array[offset + 1] = (byte) identifier;
        array[offset + 2] = (byte) (length >>> 8);
        array[offset + 3] = (byte) length;
        System.arraycopy(data, 0, array, offset + HEADER_LENGTH, data.length);
    }

    /** Records compare arrays by identity; packets compare by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ControlPacket that && code == that.code && identifier == that.identifier
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return (31 * code + identifier) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ControlPacket[code=" + code + ", identifier=" + identifier + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
