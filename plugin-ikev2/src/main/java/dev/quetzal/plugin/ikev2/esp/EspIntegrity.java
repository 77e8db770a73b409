package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.plugin.ikev2.message.TransformType;

/**
 * ESP integrity transforms (IANA Transform Type 3), HMAC-SHA-2 truncated to half the digest as RFC 4868
 * §2.3 says; {@link #NONE} goes with the combined-mode ciphers.
 */
public enum EspIntegrity {
    NONE(TransformType.INTEG_NONE, null, 0, 0, 0),
    AUTH_HMAC_SHA2_256_128(TransformType.INTEG_HMAC_SHA2_256_128, "SHA-256", 64, 32, 16),
    AUTH_HMAC_SHA2_384_192(TransformType.INTEG_HMAC_SHA2_384_192, "SHA-384", 128, 48, 24),
    AUTH_HMAC_SHA2_512_256(TransformType.INTEG_HMAC_SHA2_512_256, "SHA-512", 128, 64, 32);

    private final int transformId;
    private final String digest;
    private final int blockLength;
    private final int keyLength;
    private final int icvLength;

    EspIntegrity(int transformId, String digest, int blockLength, int keyLength, int icvLength) {
        this.transformId = transformId;
        this.digest = digest;
        this.blockLength = blockLength;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    public int transformId() {
        return transformId;
    }

    /** JCA name of the hash under the HMAC. */
    String digest() {
        return digest;
    }

    int blockLength() {
        return blockLength;
    }

    /** Key length, equal to the digest length (RFC 4868 §2.1.1). */
    public int keyLength() {
        return keyLength;
    }

    public int icvLength() {
        return icvLength;
    }
}
