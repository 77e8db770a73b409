package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.INTEG_HMAC_SHA2_256_128;
import static dev.quetzal.plugin.ikev2.message.TransformType.INTEG_HMAC_SHA2_384_192;
import static dev.quetzal.plugin.ikev2.message.TransformType.INTEG_HMAC_SHA2_512_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.INTEG_NONE;

/** Transform type 3 (INTEG) identifier, IANA "IKEv2 Parameters"; truncated HMAC-SHA2 per RFC 4868 §2.3. */
public record IntegrityAlgorithm(int id) {
    /** Used with AEAD ciphers, or absent (RFC 5282 §8, RFC 7634 §4). */
    public static final IntegrityAlgorithm NONE = new IntegrityAlgorithm(INTEG_NONE);
    public static final IntegrityAlgorithm HMAC_SHA2_256_128 = new IntegrityAlgorithm(INTEG_HMAC_SHA2_256_128);
    public static final IntegrityAlgorithm HMAC_SHA2_384_192 = new IntegrityAlgorithm(INTEG_HMAC_SHA2_384_192);
    public static final IntegrityAlgorithm HMAC_SHA2_512_256 = new IntegrityAlgorithm(INTEG_HMAC_SHA2_512_256);

    public IntegrityAlgorithm {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("INTEG transform id " + id + " does not fit in two octets");
        }
    }

    public static IntegrityAlgorithm valueOf(int id) {
        return new IntegrityAlgorithm(id);
    }

    public boolean isSupported() {
        return id == INTEG_NONE || id == INTEG_HMAC_SHA2_256_128 || id == INTEG_HMAC_SHA2_384_192
                || id == INTEG_HMAC_SHA2_512_256;
    }

    String macName() {
        return switch (id) {
            case INTEG_HMAC_SHA2_256_128 -> "HmacSHA256";
            case INTEG_HMAC_SHA2_384_192 -> "HmacSHA384";
            case INTEG_HMAC_SHA2_512_256 -> "HmacSHA512";
            default -> throw new IllegalArgumentException(this + " has no MAC");
        };
    }

    /** Key octets (RFC 4868 §2.1.1: the full hash output length); 0 for NONE. */
    public int keyLength() {
        return switch (id) {
            case INTEG_NONE -> 0;
            case INTEG_HMAC_SHA2_256_128 -> 32;
            case INTEG_HMAC_SHA2_384_192 -> 48;
            case INTEG_HMAC_SHA2_512_256 -> 64;
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    /** ICV octets after truncation to half the hash output (RFC 4868 §2.1.2); 0 for NONE. */
    public int icvLength() {
        return keyLength() / 2;
    }

    @Override
    public String toString() {
        return switch (id) {
            case INTEG_NONE -> "NONE";
            case INTEG_HMAC_SHA2_256_128 -> "AUTH_HMAC_SHA2_256_128";
            case INTEG_HMAC_SHA2_384_192 -> "AUTH_HMAC_SHA2_384_192";
            case INTEG_HMAC_SHA2_512_256 -> "AUTH_HMAC_SHA2_512_256";
            default -> "AUTH_" + id;
        };
    }
}
