package dev.quetzal.plugin.ikev2.crypto;

/** Transform type 4 (Diffie-Hellman group / key exchange method) identifier, IANA "IKEv2 Parameters". */
public record DhGroup(int id) {
    /** Child SA creation without PFS. */
    public static final DhGroup NONE = new DhGroup(0);
    /** RFC 3526 §3, 2048-bit MODP group. */
    public static final DhGroup MODP_2048 = new DhGroup(14);
    /** RFC 5903 §3.1, 256-bit random ECP group (NIST P-256). */
    public static final DhGroup ECP_256 = new DhGroup(19);
    /** RFC 5903 §3.2, 384-bit random ECP group (NIST P-384). */
    public static final DhGroup ECP_384 = new DhGroup(20);
    /** RFC 5903 §3.3, 521-bit random ECP group (NIST P-521). */
    public static final DhGroup ECP_521 = new DhGroup(21);
    /** RFC 8031, Curve25519 (X25519). */
    public static final DhGroup CURVE25519 = new DhGroup(31);

    public DhGroup {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("DH group " + id + " does not fit in two octets");
        }
    }

    public static DhGroup valueOf(int id) {
        return new DhGroup(id);
    }

    /** Whether a key exchange for this group is implemented (NONE is not a key exchange). */
    public boolean isSupported() {
        return id == 14 || id == 19 || id == 20 || id == 21 || id == 31;
    }

    /** Exact octets of the Key Exchange Data in a KE payload (RFC 7296 §3.4, RFC 5903 §7, RFC 8031 §2). */
    public int publicValueLength() {
        return switch (id) {
            case 14 -> 256;
            case 19 -> 64;
            case 20 -> 96;
            case 21 -> 132;
            case 31 -> 32;
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    /** Octets of g^ir as fed to the PRF: modulus length, the x coordinate (RFC 5903 §7), or 32 for X25519. */
    public int sharedSecretLength() {
        return switch (id) {
            case 14 -> 256;
            case 19 -> 32;
            case 20 -> 48;
            case 21 -> 66;
            case 31 -> 32;
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    @Override
    public String toString() {
        return switch (id) {
            case 0 -> "NONE";
            case 14 -> "MODP_2048";
            case 19 -> "ECP_256";
            case 20 -> "ECP_384";
            case 21 -> "ECP_521";
            case 31 -> "CURVE25519";
            default -> "DH_" + id;
        };
    }
}
