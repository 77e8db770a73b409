package dev.quetzal.plugin.ikev2.crypto;

/**
 * The negotiated IKE SA algorithms. With an AEAD cipher the integrity algorithm is NONE (RFC 5282 §8, RFC 7634 §4);
 * otherwise it must be a real MAC. Only supported combinations can be built.
 */
public record IkeSuite(EncryptionAlgorithm encryption, int encryptionKeyBits, PrfAlgorithm prf,
                       IntegrityAlgorithm integrity, DhGroup group) {
    public IkeSuite {
        if (!encryption.isSupported() || !encryption.keyLengthsBits().contains(encryptionKeyBits)) {
            throw new IllegalArgumentException(encryption + " with a " + encryptionKeyBits
                    + "-bit key is not implemented");
        }
        if (!prf.isSupported()) {
            throw new IllegalArgumentException(prf + " is not implemented");
        }
        if (!integrity.isSupported()) {
            throw new IllegalArgumentException(integrity + " is not implemented");
        }
        if (encryption.isAead() != integrity.equals(IntegrityAlgorithm.NONE)) {
            throw new IllegalArgumentException(encryption + " cannot be combined with integrity " + integrity);
        }
        if (!group.isSupported()) {
            throw new IllegalArgumentException(group + " is not implemented");
        }
    }

    /** Octets of SK_ei and SK_er: the key, plus the salt for AEAD (RFC 5282 §7.1, RFC 7634 §3). */
    public int encryptionKeyMaterialLength() {
        return encryption.keyMaterialLength(encryptionKeyBits);
    }
}
