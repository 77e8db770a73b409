package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.PRF_HMAC_SHA2_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.PRF_HMAC_SHA2_384;
import static dev.quetzal.plugin.ikev2.message.TransformType.PRF_HMAC_SHA2_512;

/** Transform type 2 (PRF) identifier, IANA "IKEv2 Parameters"; HMAC-SHA2 per RFC 4868 §2.1. */
public record PrfAlgorithm(int id) {
    public static final PrfAlgorithm HMAC_SHA2_256 = new PrfAlgorithm(PRF_HMAC_SHA2_256);
    public static final PrfAlgorithm HMAC_SHA2_384 = new PrfAlgorithm(PRF_HMAC_SHA2_384);
    public static final PrfAlgorithm HMAC_SHA2_512 = new PrfAlgorithm(PRF_HMAC_SHA2_512);

    public PrfAlgorithm {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("PRF transform id " + id + " does not fit in two octets");
        }
    }

    public static PrfAlgorithm valueOf(int id) {
        return new PrfAlgorithm(id);
    }

    public boolean isSupported() {
        return id == PRF_HMAC_SHA2_256 || id == PRF_HMAC_SHA2_384 || id == PRF_HMAC_SHA2_512;
    }

    /** JCA name of the HMAC. */
    String macName() {
        return switch (id) {
            case PRF_HMAC_SHA2_256 -> "HmacSHA256";
            case PRF_HMAC_SHA2_384 -> "HmacSHA384";
            case PRF_HMAC_SHA2_512 -> "HmacSHA512";
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    /** Output octets of one PRF call. */
    public int outputLength() {
        return switch (id) {
            case PRF_HMAC_SHA2_256 -> 32;
            case PRF_HMAC_SHA2_384 -> 48;
            case PRF_HMAC_SHA2_512 -> 64;
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    /** Preferred key length (RFC 4868 §2.1.1: the output length); the length of SK_d, SK_pi and SK_pr. */
    public int keyLength() {
        return outputLength();
    }

    @Override
    public String toString() {
        return switch (id) {
            case PRF_HMAC_SHA2_256 -> "PRF_HMAC_SHA2_256";
            case PRF_HMAC_SHA2_384 -> "PRF_HMAC_SHA2_384";
            case PRF_HMAC_SHA2_512 -> "PRF_HMAC_SHA2_512";
            default -> "PRF_" + id;
        };
    }
}
