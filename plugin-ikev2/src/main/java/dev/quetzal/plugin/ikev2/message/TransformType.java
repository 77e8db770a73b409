package dev.quetzal.plugin.ikev2.message;

/**
 * The IANA "IKEv2 Parameters" numbers for transforms, owned here and nowhere else: transform types and the transform
 * IDs the gateway negotiates or names (RFC 7296 §3.3.2; AES-GCM RFC 5282, ChaCha20-Poly1305 RFC 7634, Curve25519
 * RFC 8031). Unknown types and IDs are kept as ints in {@link Transform}; the typed views
 * ({@code crypto.EncryptionAlgorithm} and its siblings, the ESP enums) take their numbers from these constants.
 */
public final class TransformType {
    public static final int ENCR = 1;
    public static final int PRF = 2;
    public static final int INTEG = 3;
    /** "Diffie-Hellman group" in RFC 7296, "Key Exchange Method" since RFC 9370. */
    public static final int KE = 4;
    public static final int ESN = 5;

    public static final int ENCR_AES_CBC = 12;
    public static final int ENCR_AES_GCM_8 = 18;
    public static final int ENCR_AES_GCM_12 = 19;
    public static final int ENCR_AES_GCM_16 = 20;
    public static final int ENCR_CHACHA20_POLY1305 = 28;

    public static final int PRF_HMAC_SHA1 = 2;
    public static final int PRF_HMAC_SHA2_256 = 5;
    public static final int PRF_HMAC_SHA2_384 = 6;
    public static final int PRF_HMAC_SHA2_512 = 7;

    public static final int INTEG_NONE = 0;
    public static final int INTEG_HMAC_SHA1_96 = 2;
    public static final int INTEG_HMAC_SHA2_256_128 = 12;
    public static final int INTEG_HMAC_SHA2_384_192 = 13;
    public static final int INTEG_HMAC_SHA2_512_256 = 14;

    /** No key exchange: a Child SA without PFS (RFC 7296 §3.3.2). */
    public static final int GROUP_NONE = 0;
    public static final int GROUP_MODP_2048 = 14;
    public static final int GROUP_ECP_256 = 19;
    public static final int GROUP_ECP_384 = 20;
    public static final int GROUP_ECP_521 = 21;
    public static final int GROUP_CURVE25519 = 31;

    public static final int ESN_NONE = 0;
    public static final int ESN_EXTENDED = 1;

    /** The Key Length transform attribute (RFC 7296 §3.3.5), always in TV format. */
    public static final int ATTRIBUTE_KEY_LENGTH = 14;

    private TransformType() {
    }
}
