package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Configuration payload (RFC 7296 §3.15): a request, reply, set or ack with its attributes. */
public record CpPayload(int cfgType, List<ConfigAttribute> attributes) implements IkePayload {
    public static final int CFG_REQUEST = 1;
    public static final int CFG_REPLY = 2;
    public static final int CFG_SET = 3;
    public static final int CFG_ACK = 4;

    public CpPayload {
        if (cfgType < 0 || cfgType > 0xFF) {
            throw new IllegalArgumentException("CFG type must be 0..255, got " + cfgType);
        }
        attributes = List.copyOf(attributes);
    }

    /** The attributes of one type, in order. */
    public List<ConfigAttribute> attributesOf(int attributeType) {
        return attributes.stream().filter(a -> a.attributeType() == attributeType).toList();
    }

    @Override
    public int type() {
        return PayloadType.CP;
    }

    @Override
    public int bodyLength() {
        int length = 4;
        for (ConfigAttribute attribute : attributes) {
            length += attribute.encodedLength();
        }
        return length;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) cfgType);
        out.put(new byte[3]);
        for (ConfigAttribute attribute : attributes) {
            attribute.encode(out);
        }
    }

    static CpPayload decode(WireReader in) throws Malformed {
        int cfgType = in.u8("CFG type");
        in.skip(3, "CP reserved");
        List<ConfigAttribute> attributes = new ArrayList<>();
        while (in.remaining() > 0) {
            attributes.add(ConfigAttribute.decode(in));
        }
        return new CpPayload(cfgType, attributes);
    }
}
