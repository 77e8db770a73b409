package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_CURVE25519;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_384;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_521;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_MODP_2048;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_NONE;

/** Transform type 4 (Diffie-Hellman group / key exchange method) identifier, IANA "IKEv2 Parameters". */
public record DhGroup(int id) {
    /** Child SA creation without PFS. */
    public static final DhGroup NONE = new DhGroup(GROUP_NONE);
    /** RFC 3526 §3, 2048-bit MODP group. */
    public static final DhGroup MODP_2048 = new DhGroup(GROUP_MODP_2048);
    /** RFC 5903 §3.1, 256-bit random ECP group (NIST P-256). */
    public static final DhGroup ECP_256 = new DhGroup(GROUP_ECP_256);
    /** RFC 5903 §3.2, 384-bit random ECP group (NIST P-384). */
    public static final DhGroup ECP_384 = new DhGroup(GROUP_ECP_384);
    /** RFC 5903 §3.3, 521-bit random ECP group (NIST P-521). */
    public static final DhGroup ECP_521 = new DhGroup(GROUP_ECP_521);
    /** RFC 8031, Curve25519 (X25519). */
    public static final DhGroup CURVE25519 = new DhGroup(GROUP_CURVE25519);

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
        return id == GROUP_MODP_2048 || id == GROUP_ECP_256 || id == GROUP_ECP_384 || id == GROUP_ECP_521
                || id == GROUP_CURVE25519;
    }

    /** Exact octets of the Key Exchange Data in a KE payload (RFC 7296 §3.4, RFC 5903 §7, RFC 8031 §2). */
    public int publicValueLength() {
        return switch (id) {
            case GROUP_MODP_2048 -> 256;
            case GROUP_ECP_256 -> 64;
            case GROUP_ECP_384 -> 96;
            case GROUP_ECP_521 -> 132;
            case GROUP_CURVE25519 -> 32;
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    /** Octets of g^ir as fed to the PRF: modulus length, the x coordinate (RFC 5903 §7), or 32 for X25519. */
    public int sharedSecretLength() {
        return switch (id) {
            case GROUP_MODP_2048 -> 256;
            case GROUP_ECP_256 -> 32;
            case GROUP_ECP_384 -> 48;
            case GROUP_ECP_521 -> 66;
            case GROUP_CURVE25519 -> 32;
            default -> throw new IllegalArgumentException(this + " is not implemented");
        };
    }

    @Override
    public String toString() {
        return switch (id) {
            case GROUP_NONE -> "NONE";
            case GROUP_MODP_2048 -> "MODP_2048";
            case GROUP_ECP_256 -> "ECP_256";
            case GROUP_ECP_384 -> "ECP_384";
            case GROUP_ECP_521 -> "ECP_521";
            case GROUP_CURVE25519 -> "CURVE25519";
            default -> "DH_" + id;
        };
    }
}
