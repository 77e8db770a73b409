package dev.quetzal.plugin.ikev2.auth;

/**
 * A hash algorithm identifier of the SIGNATURE_HASH_ALGORITHMS notify (RFC 7427 §4; IANA "IKEv2 Hash Algorithms").
 * Two octets on the wire; unknown identifiers are kept so that they can be skipped, not thrown on.
 */
public record SignatureHash(int id) {
    public static final SignatureHash SHA1 = new SignatureHash(1);
    public static final SignatureHash SHA2_256 = new SignatureHash(2);
    public static final SignatureHash SHA2_384 = new SignatureHash(3);
    public static final SignatureHash SHA2_512 = new SignatureHash(4);
    /** RFC 8420 (EdDSA); listed so that logs name it, never chosen here. */
    public static final SignatureHash IDENTITY = new SignatureHash(5);

    public SignatureHash {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("hash algorithm id is two octets, got " + id);
        }
    }

    public static SignatureHash of(int id) {
        return new SignatureHash(id);
    }

    /** Higher is stronger among the hashes this package signs with; 0 for any other. */
    int strength() {
        return switch (id) {
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return switch (id) {
            case 1 -> "SHA1";
            case 2 -> "SHA2_256";
            case 3 -> "SHA2_384";
            case 4 -> "SHA2_512";
            case 5 -> "IDENTITY";
            default -> "HASH(" + id + ")";
        };
    }
}
