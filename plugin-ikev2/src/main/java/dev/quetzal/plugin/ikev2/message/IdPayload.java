package dev.quetzal.plugin.ikev2.message;

import dev.quetzal.api.net.IpAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Identification payload IDi or IDr (RFC 7296 §3.5).
 *
 * @param initiator true for IDi (type 35), false for IDr (type 36)
 * @param idType {@link IdType}; unknown types are kept
 */
public record IdPayload(boolean initiator, int idType, Octets data) implements IkePayload {
    public IdPayload {
        if (idType < 0 || idType > 0xFF) {
            throw new IllegalArgumentException("ID type must be 0..255, got " + idType);
        }
    }

    public static IdPayload fqdn(boolean initiator, String name) {
        return new IdPayload(initiator, IdType.FQDN, Octets.wrap(name.getBytes(StandardCharsets.US_ASCII)));
    }

    public static IdPayload rfc822(boolean initiator, String address) {
        return new IdPayload(initiator, IdType.RFC822_ADDR, Octets.wrap(address.getBytes(StandardCharsets.US_ASCII)));
    }

    public static IdPayload address(boolean initiator, IpAddress address) {
        int type = address.toBytes().length == 4 ? IdType.IPV4_ADDR : IdType.IPV6_ADDR;
        return new IdPayload(initiator, type, Octets.wrap(address.toBytes()));
    }

    /**
     * IDx' of RFC 7296 §2.15: the payload without its generic header (ID type, 3 reserved bytes, data), the input
     * of prf(SK_px, IDx'). Reserved bytes are zero, as the RFC requires the sender to write them.
     */
    public byte[] bodyBytes() {
        ByteBuffer out = ByteBuffer.allocate(bodyLength());
        encodeBody(out);
        return out.array();
    }

    @Override
    public int type() {
        return initiator ? PayloadType.IDI : PayloadType.IDR;
    }

    @Override
    public int bodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) idType);
        out.put(new byte[3]);
        data.writeTo(out);
    }

    static IdPayload decode(boolean initiator, WireReader in) throws Malformed {
        int type = in.u8("ID type");
        in.skip(3, "ID reserved");
        Octets data = in.rest();
        int expected = switch (type) {
            case IdType.IPV4_ADDR -> 4;
            case IdType.IPV6_ADDR -> 16;
            default -> -1;
        };
        if (expected >= 0 && data.length() != expected) {
            throw new Malformed("ID type " + type + " needs " + expected + " bytes, has " + data.length());
        }
        return new IdPayload(initiator, type, data);
    }
}
