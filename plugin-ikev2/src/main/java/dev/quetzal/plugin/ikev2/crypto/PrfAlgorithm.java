package dev.quetzal.plugin.ikev2.crypto;

/** Transform type 2 (PRF) identifier, IANA "IKEv2 Parameters"; HMAC-SHA2 per RFC 4868 §2.1. */
public record PrfAlgorithm(int id) {
    public static final PrfAlgorithm HMAC_SHA2_256 = new PrfAlgorithm(5);
    public static final PrfAlgorithm HMAC_SHA2_384 = new PrfAlgorithm(6);
    public static final PrfAlgorithm HMAC_SHA2_512 = new PrfAlgorithm(7);

    public PrfAlgorithm {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("PRF transform id " + id + " does not fit in two octets");
        }
    }

    public static PrfAlgorithm valueOf(int id) {
        return new PrfAlgorithm(id);
    }

    public boolean isSupported() {
        return id >= 5 && id <= 7;
    }

    /** JCA name of the HMAC. */
    String macName() {
        return switch (id) {
            case 5 -> "HmacSHA256";
            case 6 -> "HmacSHA384";
            case 7 -> "HmacSHA512";
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    /** Output octets of one PRF call. */
    public int outputLength() {
        return switch (id) {
            case 5 -> 32;
            case 6 -> 48;
            case 7 -> 64;
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
            case 5 -> "PRF_HMAC_SHA2_256";
            case 6 -> "PRF_HMAC_SHA2_384";
            case 7 -> "PRF_HMAC_SHA2_512";
            default -> "PRF_" + id;
        };
    }
}
