package dev.quetzal.plugin.ikev2.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The seven IKE SA secrets of RFC 7296 §2.14. SK_ai/SK_ei protect messages sent by the original initiator, SK_ar/SK_er
 * the other direction; SK_ai and SK_ar are empty with an AEAD cipher. Arrays are copied in and out; toString shows
 * only lengths.
 */
public record IkeSaKeys(byte[] skD, byte[] skAi, byte[] skAr, byte[] skEi, byte[] skEr, byte[] skPi, byte[] skPr) {
    public IkeSaKeys {
        skD = skD.clone();
        skAi = skAi.clone();
        skAr = skAr.clone();
        skEi = skEi.clone();
        skEr = skEr.clone();
        skPi = skPi.clone();
        skPr = skPr.clone();
    }

    @Override
    public byte[] skD() {
        return skD.clone();
    }

    @Override
    public byte[] skAi() {
        return skAi.clone();
    }

    @Override
    public byte[] skAr() {
        return skAr.clone();
    }

    @Override
    public byte[] skEi() {
        return skEi.clone();
    }

    @Override
    public byte[] skEr() {
        return skEr.clone();
    }

    @Override
    public byte[] skPi() {
        return skPi.clone();
    }

    @Override
    public byte[] skPr() {
        return skPr.clone();
    }

    /** Keys for the messages we send: SK_ei/SK_ai when we are the original initiator, else SK_er/SK_ar. */
    public DirectionKeys outbound(boolean weAreOriginalInitiator) {
        return weAreOriginalInitiator ? new DirectionKeys(skEi, skAi) : new DirectionKeys(skEr, skAr);
    }

    /** Keys for the messages we receive. */
    public DirectionKeys inbound(boolean weAreOriginalInitiator) {
        return outbound(!weAreOriginalInitiator);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IkeSaKeys k && MessageDigest.isEqual(skD, k.skD) && MessageDigest.isEqual(skAi, k.skAi)
                && MessageDigest.isEqual(skAr, k.skAr) && MessageDigest.isEqual(skEi, k.skEi)
                && MessageDigest.isEqual(skEr, k.skEr) && MessageDigest.isEqual(skPi, k.skPi)
                && MessageDigest.isEqual(skPr, k.skPr);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {skD, skAi, skAr, skEi, skEr, skPi, skPr});
    }

    @Override
    public String toString() {
        return "IkeSaKeys[SK_d=" + skD.length + ", SK_a=" + skAi.length + ", SK_e=" + skEi.length + ", SK_p="
                + skPi.length + " octets, values redacted]";
    }
}
