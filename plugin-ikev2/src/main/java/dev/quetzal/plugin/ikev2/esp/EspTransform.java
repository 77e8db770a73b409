package dev.quetzal.plugin.ikev2.esp;

import java.util.Objects;

/**
 * The negotiated ESP suite of one Child SA: cipher, key length and integrity. Combined-mode ciphers take
 * no integrity transform (RFC 4106 §4, RFC 7634 §2); CBC needs one (RFC 4303 §3.2: ESP without integrity
 * is not offered here).
 */
public record EspTransform(EspEncryption encryption, int keyBits, EspIntegrity integrity) {
    public EspTransform {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(integrity, "integrity");
        if (!encryption.acceptsKeyBits(keyBits)) {
            throw new IllegalArgumentException(encryption + " does not take a " + keyBits + "-bit key");
        }
        if (encryption.isAead() != (integrity == EspIntegrity.NONE)) {
            throw new IllegalArgumentException(encryption + " cannot be combined with integrity " + integrity);
        }
    }

    public static EspTransform aesGcm16(int keyBits) {
        return new EspTransform(EspEncryption.AES_GCM_16, keyBits, EspIntegrity.NONE);
    }

    public static EspTransform chaCha20Poly1305() {
        return new EspTransform(EspEncryption.CHACHA20_POLY1305, 256, EspIntegrity.NONE);
    }

    public static EspTransform aesCbc(int keyBits, EspIntegrity integrity) {
        return new EspTransform(EspEncryption.AES_CBC, keyBits, integrity);
    }

    /** Bytes of KEYMAT the cipher takes per direction, salt included (RFC 7296 §2.17, RFC 4106 §8.1). */
    public int encryptionKeyLength() {
        return keyBits / 8 + encryption.saltLength();
    }

    public int ivLength() {
        return encryption.ivLength();
    }

    public int icvLength() {
        return encryption.isAead() ? encryption.aeadIcvLength() : integrity.icvLength();
    }

    /** Bytes in front of the payload: SPI, sequence number, IV. */
    public int headerLength() {
        return EspSa.SPI_AND_SEQUENCE + ivLength();
    }

    /** The most bytes after the payload: longest padding, pad length, next header, ICV. */
    public int maxTrailerLength() {
        return encryption.alignment() - 1 + 2 + icvLength();
    }
}
