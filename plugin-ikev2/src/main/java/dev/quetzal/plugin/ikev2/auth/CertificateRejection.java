package dev.quetzal.plugin.ikev2.auth;

/** Why a peer's certificate chain or identity was refused (RFC 7296 §2.21.2: AUTHENTICATION_FAILED on the wire). */
public enum CertificateRejection {
    /** No CERT payload with an X.509 certificate. */
    NO_CERTIFICATE,
    /** A CERT payload does not hold a parsable X.509 DER certificate. */
    MALFORMED_CERTIFICATE,
    /** The chain does not lead to a configured trust anchor (RFC 5280 §6.1). */
    UNTRUSTED_CHAIN,
    /** A certificate in the chain is past its notAfter. */
    EXPIRED,
    /** A certificate in the chain is before its notBefore. */
    NOT_YET_VALID,
    /** A name in the chain is outside a CA's name constraints (RFC 5280 §4.2.1.10). */
    NAME_CONSTRAINTS,
    /** The leaf's keyUsage lacks digitalSignature (RFC 4945 §5.1.3.2), or a CA's lacks keyCertSign. */
    KEY_USAGE,
    /** The leaf's extendedKeyUsage lists none of the usages accepted for the peer's role (RFC 4945 §5.1.3.12). */
    EXTENDED_KEY_USAGE,
    /** Another PKIX failure: bad signature, not a CA, path length, weak algorithm, unknown critical extension. */
    INVALID_CHAIN,
    /** The ID payload does not match the certificate (RFC 7296 §3.5, RFC 4945 §3.1). */
    ID_MISMATCH,
    /** The leaf's key is neither RSA nor ECDSA P-256/P-384/P-521. */
    UNSUPPORTED_KEY
}
