package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * EAP payload (RFC 7296 §3.16): one EAP message (RFC 3748), opaque here. Its contents can hold credentials
 * or their hashes, so {@link #toString()} shows only the length.
 */
public record EapPayload(Octets message) implements IkePayload {
    @Override
    public int type() {
        return PayloadType.EAP;
    }

    @Override
    public int bodyLength() {
        return message.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        message.writeTo(out);
    }

    static EapPayload decode(WireReader in) {
        return new EapPayload(in.rest());
    }

    @Override
    public String toString() {
        return "EapPayload[" + message.length() + " bytes]";
    }
}
