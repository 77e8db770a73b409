package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/** Nonce payload Ni/Nr (RFC 7296 §3.9): 16 to 256 bytes. */
public record NoncePayload(Octets nonce) implements IkePayload {
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 256;

    public NoncePayload {
        if (nonce.length() < MIN_SIZE || nonce.length() > MAX_SIZE) {
            throw new IllegalArgumentException("a nonce has 16..256 bytes, got " + nonce.length());
        }
    }

    @Override
    public int type() {
        return PayloadType.NONCE;
    }

    @Override
    public int bodyLength() {
        return nonce.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        nonce.writeTo(out);
    }

    static NoncePayload decode(WireReader in) throws Malformed {
        int size = in.remaining();
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new Malformed("nonce of " + size + " bytes, expected 16..256");
        }
        return new NoncePayload(in.rest());
    }
}
