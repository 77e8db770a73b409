package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * Encrypted and Authenticated payload SK (RFC 7296 §3.14), as an envelope only: the IV, ciphertext, padding
 * and ICV stay one opaque body for the crypto layer. It is always the last payload of a message, and its
 * next-payload field names the first payload inside.
 *
 * <p>When encoded by {@link IkeMessage#encode()}, the body is the last {@code body.length()} bytes.
 */
public record SkPayload(int firstInnerType, Octets body) implements IkePayload {
    public SkPayload {
        if (firstInnerType < 0 || firstInnerType > 0xFF) {
            throw new IllegalArgumentException("first inner payload type must be 0..255, got " + firstInnerType);
        }
    }

    @Override
    public int type() {
        return PayloadType.SK;
    }

    @Override
    public int bodyLength() {
        return body.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        body.writeTo(out);
    }

    static SkPayload decode(int firstInnerType, WireReader in) {
        return new SkPayload(firstInnerType, in.rest());
    }
}
