package dev.quetzal.plugin.ikev2.crypto;

/** Transform type 3 (INTEG) identifier, IANA "IKEv2 Parameters"; truncated HMAC-SHA2 per RFC 4868 §2.3. */
public record IntegrityAlgorithm(int id) {
    /** Used with AEAD ciphers, or absent (RFC 5282 §8, RFC 7634 §4). */
    public static final IntegrityAlgorithm NONE = new IntegrityAlgorithm(0);
    public static final IntegrityAlgorithm HMAC_SHA2_256_128 = new IntegrityAlgorithm(12);
    public static final IntegrityAlgorithm HMAC_SHA2_384_192 = new IntegrityAlgorithm(13);
    public static final IntegrityAlgorithm HMAC_SHA2_512_256 = new IntegrityAlgorithm(14);

    public IntegrityAlgorithm {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("INTEG transform id " + id + " does not fit in two octets");
        }
    }

    public static IntegrityAlgorithm valueOf(int id) {
        return new IntegrityAlgorithm(id);
    }

    public boolean isSupported() {
        return id == 0 || (id >= 12 && id <= 14);
    }

    String macName() {
        return switch (id) {
            case 12 -> "HmacSHA256";
            case 13 -> "HmacSHA384";
            case 14 -> "HmacSHA512";
            default -> throw new IllegalArgumentException(this + " has no MAC");
        };
    }

    /** Key octets (RFC 4868 §2.1.1: the full hash output length); 0 for NONE. */
    public int keyLength() {
        return switch (id) {
            case 0 -> 0;
            case 12 -> 32;
            case 13 -> 48;
            case 14 -> 64;
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
            case 0 -> "NONE";
            case 12 -> "AUTH_HMAC_SHA2_256_128";
            case 13 -> "AUTH_HMAC_SHA2_384_192";
            case 14 -> "AUTH_HMAC_SHA2_512_256";
            default -> "AUTH_" + id;
        };
    }
}
