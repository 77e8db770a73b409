package dev.quetzal.fortivpn.ppp;

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

    /**
     * Parses the packet that follows the PPP header. Bytes after the packet's own length field are
     * padding and ignored (RFC 1661 §5).
     */
    public static ControlPacket parse(byte[] array, int offset, int length) throws PppException {
        throw new UnsupportedOperationException("todo");
    }

    /** The whole PPP frame: 2-byte protocol field, then this packet. No {@code ff 03}, no Fortinet header. */
    public byte[] toFrame(int pppProtocol) {
        throw new UnsupportedOperationException("todo");
    }
}
