package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * Key Exchange payload (RFC 7296 §3.4): the group number and the sender's public value. The value's length
 * depends on the group and is checked by whoever knows the group, not here.
 */
public record KePayload(int group, Octets data) implements IkePayload {
    public KePayload {
        if (group < 0 || group > 0xFFFF) {
            throw new IllegalArgumentException("KE group must be 0..65535, got " + group);
        }
    }

    @Override
    public int type() {
        return PayloadType.KE;
    }

    @Override
    public int bodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putShort((short) group);
        out.putShort((short) 0);
        data.writeTo(out);
    }

    static KePayload decode(WireReader in) throws Malformed {
        int group = in.u16("KE group");
        in.skip(2, "KE reserved");
        return new KePayload(group, in.rest());
    }
}
