package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.plugin.ikev2.message.TransformType;

/**
 * ESP encryption transforms (IANA "IKEv2 Parameters", Transform Type 1) that the data path supports.
 * Lengths are in bytes; {@link #saltLength} is the part of the key material that is not cipher key
 * (RFC 4106 §8.1, RFC 7634 §2), {@link #alignment} is what the ESP trailer pads to (RFC 4303 §2.4).
 */
public enum EspEncryption {
    /** ENCR_AES_CBC, RFC 3602: 16-byte random-looking IV, needs a separate integrity transform. */
    AES_CBC(TransformType.ENCR_AES_CBC, 0, 16, 0, 16, false),
    /** ENCR_AES_GCM_16, RFC 4106: 8-byte explicit IV, 16-byte ICV. */
    AES_GCM_16(TransformType.ENCR_AES_GCM_16, 4, 8, 16, 4, true),
    /** ENCR_CHACHA20_POLY1305, RFC 7634: 8-byte explicit IV, 16-byte ICV, 256-bit key only. */
    CHACHA20_POLY1305(TransformType.ENCR_CHACHA20_POLY1305, 4, 8, 16, 4, true);

    private final int transformId;
    private final int saltLength;
    private final int ivLength;
    private final int aeadIcvLength;
    private final int alignment;
    private final boolean aead;

    EspEncryption(int transformId, int saltLength, int ivLength, int aeadIcvLength, int alignment, boolean aead) {
        this.transformId = transformId;
        this.saltLength = saltLength;
        this.ivLength = ivLength;
        this.aeadIcvLength = aeadIcvLength;
        this.alignment = alignment;
        this.aead = aead;
    }

    public int transformId() {
        return transformId;
    }

    public int saltLength() {
        return saltLength;
    }

    public int ivLength() {
        return ivLength;
    }

    /** The ICV length of the combined mode; 0 for CBC, whose ICV comes from {@link EspIntegrity}. */
    public int aeadIcvLength() {
        return aeadIcvLength;
    }

    public int alignment() {
        return alignment;
    }

    public boolean isAead() {
        return aead;
    }

    /** Whether {@code keyBits} is a key length this transform takes (AES 128/256, ChaCha20 256). */
    public boolean acceptsKeyBits(int keyBits) {
        return this == CHACHA20_POLY1305 ? keyBits == 256 : keyBits == 128 || keyBits == 256;
    }
}
