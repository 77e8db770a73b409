package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * The octets an AUTH payload signs or MACs (RFC 7296 §2.15): the sender's first message exactly as sent, the
 * peer's nonce data, and prf(SK_px, IDx') computed by the crypto layer over {@link IdPayload#bodyBytes()}.
 */
public final class SignedOctets {
    private SignedOctets() {
    }

    /**
     * @param firstMessage the raw IKE_SA_INIT message of the signer: {@link DecodeResult.Ok#raw()} when received,
     *     the bytes of {@link IkeMessage#encode()} when sent
     * @param peerNonce the Nonce Data of the other side's IKE_SA_INIT message (no payload header)
     * @param macedId prf(SK_px, IDx')
     */
    public static byte[] of(Octets firstMessage, Octets peerNonce, byte[] macedId) {
        byte[] out = new byte[firstMessage.length() + peerNonce.length() + macedId.length];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        firstMessage.writeTo(buffer);
        peerNonce.writeTo(buffer);
        buffer.put(macedId);
        return out;
    }
}
