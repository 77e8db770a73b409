package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * A payload type this codec does not know, kept with its critical bit: RFC 7296 §2.5 says a critical one
 * makes the whole message be rejected with UNSUPPORTED_CRITICAL_PAYLOAD, a non-critical one is skipped.
 */
public record UnsupportedPayload(int type, boolean critical, Octets body) implements IkePayload {
    public UnsupportedPayload {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("payload type must be 0..255, got " + type);
        }
    }

    @Override
    public int bodyLength() {
        return body.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        body.writeTo(out);
    }
}
