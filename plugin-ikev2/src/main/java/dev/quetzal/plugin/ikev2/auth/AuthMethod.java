package dev.quetzal.plugin.ikev2.auth;

/**
 * Authentication Method of the AUTH payload (RFC 7296 §3.8; IANA "IKEv2 Authentication Method"). Unknown numbers
 * are kept as values so a peer's choice can be reported, never thrown on.
 */
public record AuthMethod(int value) {
    /** RSA Digital Signature: PKCS#1 v1.5 with SHA-1 (RFC 7296 §3.8). */
    public static final AuthMethod RSA_DIGITAL_SIGNATURE = new AuthMethod(1);
    /** Shared Key Message Integrity Code (RFC 7296 §3.8); not accepted by this package. */
    public static final AuthMethod SHARED_KEY = new AuthMethod(2);
    /** DSS Digital Signature (RFC 7296 §3.8); not accepted by this package. */
    public static final AuthMethod DSS_DIGITAL_SIGNATURE = new AuthMethod(3);
    /** ECDSA with SHA-256 on the P-256 curve (RFC 4754 §3). */
    public static final AuthMethod ECDSA_SHA256_P256 = new AuthMethod(9);
    /** ECDSA with SHA-384 on the P-384 curve (RFC 4754 §3). */
    public static final AuthMethod ECDSA_SHA384_P384 = new AuthMethod(10);
    /** ECDSA with SHA-512 on the P-521 curve (RFC 4754 §3). */
    public static final AuthMethod ECDSA_SHA512_P521 = new AuthMethod(11);
    /** Digital Signature: the algorithm is named inside the data (RFC 7427 §3). */
    public static final AuthMethod DIGITAL_SIGNATURE = new AuthMethod(14);

    public AuthMethod {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("auth method is one octet, got " + value);
        }
    }

    public static AuthMethod of(int value) {
        return new AuthMethod(value);
    }

    /** A short name for logs, e.g. {@code ECDSA_SHA256_P256(9)}; unknown numbers print as {@code AUTH_METHOD(n)}. */
    @Override
    public String toString() {
        String name = switch (value) {
            case 1 -> "RSA_DIGITAL_SIGNATURE";
            case 2 -> "SHARED_KEY";
            case 3 -> "DSS_DIGITAL_SIGNATURE";
            case 9 -> "ECDSA_SHA256_P256";
            case 10 -> "ECDSA_SHA384_P384";
            case 11 -> "ECDSA_SHA512_P521";
            case 12 -> "GENERIC_SECURE_PASSWORD";
            case 13 -> "NULL_AUTHENTICATION";
            case 14 -> "DIGITAL_SIGNATURE";
            default -> "AUTH_METHOD";
        };
        return name + "(" + value + ")";
    }
}
