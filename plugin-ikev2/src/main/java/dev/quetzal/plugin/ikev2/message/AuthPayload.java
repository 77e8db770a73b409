package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/** Authentication payload (RFC 7296 §3.8): the {@link AuthMethod} and the signature or MAC. */
public record AuthPayload(int method, Octets data) implements IkePayload {
    public AuthPayload {
        if (method < 0 || method > 0xFF) {
            throw new IllegalArgumentException("auth method must be 0..255, got " + method);
        }
    }

    @Override
    public int type() {
        return PayloadType.AUTH;
    }

    @Override
    public int bodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) method);
        out.put(new byte[3]);
        data.writeTo(out);
    }

    static AuthPayload decode(WireReader in) throws Malformed {
        int method = in.u8("auth method");
        in.skip(3, "auth reserved");
        return new AuthPayload(method, in.rest());
    }
}
