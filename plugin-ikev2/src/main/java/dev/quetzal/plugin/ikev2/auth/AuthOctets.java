package dev.quetzal.plugin.ikev2.auth;

import java.util.function.BinaryOperator;

/**
 * The octets that an AUTH signature covers (RFC 7296 §2.15): the sender's first message as sent, then the peer's
 * nonce (Nr for the initiator, Ni for the responder), then prf(SK_p, IDx') with SK_pi or SK_pr and the sender's ID
 * payload body. The same function serves both roles; only the inputs change.
 */
public final class AuthOctets {
    private AuthOctets() {
    }

    /**
     * @param firstMessage the sender's IKE_SA_INIT message, exactly the bytes on the wire (header included)
     * @param peerNonce    the nonce data the peer sent
     * @param prf          the negotiated prf as {@code (key, data) -> output}
     * @param skP          SK_pi when the initiator signs or verifies, SK_pr for the responder
     * @param id           the sender's identification (IDi or IDr)
     */
    public static byte[] compute(byte[] firstMessage, byte[] peerNonce, BinaryOperator<byte[]> prf, byte[] skP,
            Identification id) {
        byte[] macedId = prf.apply(skP.clone(), id.body());
        byte[] out = new byte[firstMessage.length + peerNonce.length + macedId.length];
        System.arraycopy(firstMessage, 0, out, 0, firstMessage.length);
        System.arraycopy(peerNonce, 0, out, firstMessage.length, peerNonce.length);
        System.arraycopy(macedId, 0, out, firstMessage.length + peerNonce.length, macedId.length);
        return out;
    }
}
