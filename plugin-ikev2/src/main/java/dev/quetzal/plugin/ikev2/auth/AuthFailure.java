package dev.quetzal.plugin.ikev2.auth;

/** Why an AUTH payload was not accepted; each maps to AUTHENTICATION_FAILED on the wire (RFC 7296 §2.21.2). */
public enum AuthFailure {
    /** The method is unknown or not one this package verifies (only 1, 9, 10, 11 and 14 are). */
    UNKNOWN_METHOD,
    /** The authentication data cannot be split or read (RFC 7427 §3 layout, RFC 4754 §7 r|s length). */
    MALFORMED,
    /** The named algorithm is refused by policy or unsupported (SHA-1 in method 14, unknown OIDs). */
    ALGORITHM_NOT_ALLOWED,
    /** The peer's certificate key cannot make this kind of signature (RFC 4754 §3: the curve is fixed). */
    KEY_METHOD_MISMATCH,
    /** The signature does not verify over the AUTH octets. */
    BAD_SIGNATURE
}
