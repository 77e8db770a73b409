package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.ENCR_AES_CBC;
import static dev.quetzal.plugin.ikev2.message.TransformType.ENCR_AES_GCM_16;
import static dev.quetzal.plugin.ikev2.message.TransformType.ENCR_CHACHA20_POLY1305;

import java.util.List;

/**
 * Transform type 1 (ENCR) identifier, IANA "IKEv2 Parameters" (numbers from
 * {@link dev.quetzal.plugin.ikev2.message.TransformType}). Unknown identifiers are representable; the
 * properties below describe only the ones this gateway implements.
 */
public record EncryptionAlgorithm(int id) {
    /** RFC 3602, used in IKE per RFC 7296 §3.14; a Key Length attribute is required. */
    public static final EncryptionAlgorithm AES_CBC = new EncryptionAlgorithm(ENCR_AES_CBC);
    /** RFC 4106 / RFC 5282: AES-GCM with a 16-octet ICV; a Key Length attribute is required. */
    public static final EncryptionAlgorithm AES_GCM_16 = new EncryptionAlgorithm(ENCR_AES_GCM_16);
    /** RFC 7634: a fixed 256-bit key, sent without a Key Length attribute. */
    public static final EncryptionAlgorithm CHACHA20_POLY1305 = new EncryptionAlgorithm(ENCR_CHACHA20_POLY1305);

    /** Salt octets taken from the key material after the key (RFC 5282 §7.1, RFC 4106 §8.1, RFC 7634 §2). */
    static final int AEAD_SALT_LENGTH = 4;

    public EncryptionAlgorithm {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("ENCR transform id " + id + " does not fit in two octets");
        }
    }

    public static EncryptionAlgorithm valueOf(int id) {
        return new EncryptionAlgorithm(id);
    }

    public boolean isSupported() {
        return id == ENCR_AES_CBC || id == ENCR_AES_GCM_16 || id == ENCR_CHACHA20_POLY1305;
    }

    /** Combined-mode algorithm: no INTEG transform, the ICV comes from the cipher (RFC 5282 §8). */
    public boolean isAead() {
        return id == ENCR_AES_GCM_16 || id == ENCR_CHACHA20_POLY1305;
    }

    /** Key lengths in bits this gateway accepts; empty for unknown algorithms. */
    public List<Integer> keyLengthsBits() {
        return switch (id) {
            case ENCR_AES_CBC, ENCR_AES_GCM_16 -> List.of(128, 256);
            case ENCR_CHACHA20_POLY1305 -> List.of(256);
            default -> List.of();
        };
    }

    /** Whether the transform carries a Key Length attribute (RFC 7296 §3.3.5; RFC 7634 §4 forbids it for 28). */
    public boolean requiresKeyLengthAttribute() {
        return id == ENCR_AES_CBC || id == ENCR_AES_GCM_16;
    }

    /** Octets of the IV sent in each SK payload. */
    public int ivLength() {
        return switch (id) {
            case ENCR_AES_CBC -> 16;
            case ENCR_AES_GCM_16, ENCR_CHACHA20_POLY1305 -> 8;
            default -> throw unsupported();
        };
    }

    /** ICV octets produced by the cipher itself; 0 for CBC (the INTEG transform provides it). */
    public int aeadIcvLength() {
        return isAead() ? 16 : 0;
    }

    /** Octets of SK_e* or of an ESP encryption key: the key plus, for AEAD, the 4-octet salt. */
    public int keyMaterialLength(int keyLengthBits) {
        if (!isSupported() || !keyLengthsBits().contains(keyLengthBits)) {
            throw new IllegalArgumentException(this + " does not support a " + keyLengthBits + "-bit key");
        }
        return keyLengthBits / 8 + (isAead() ? AEAD_SALT_LENGTH : 0);
    }

    private IllegalArgumentException unsupported() {
        return new IllegalArgumentException(this + " is not implemented");
    }

    @Override
    public String toString() {
        return switch (id) {
            case ENCR_AES_CBC -> "ENCR_AES_CBC";
            case ENCR_AES_GCM_16 -> "ENCR_AES_GCM_16";
            case ENCR_CHACHA20_POLY1305 -> "ENCR_CHACHA20_POLY1305";
            default -> "ENCR_" + id;
        };
    }
}
