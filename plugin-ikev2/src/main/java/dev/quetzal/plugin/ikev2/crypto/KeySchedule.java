package dev.quetzal.plugin.ikev2.crypto;

import java.nio.ByteBuffer;

/**
 * IKEv2 key derivation: SKEYSEED and the seven SK_* (RFC 7296 §2.14), IKE SA rekey (§2.18) and Child SA KEYMAT
 * (§2.17). Inputs are copied by the PRF; nothing here keeps a secret.
 */
public final class KeySchedule {
    private KeySchedule() {
    }

    /** SKEYSEED = prf(Ni | Nr, g^ir), RFC 7296 §2.14. */
    public static byte[] skeyseed(PrfAlgorithm prf, byte[] ni, byte[] nr, byte[] gir) {
        return Prf.of(prf).compute(concat(ni, nr), gir);
    }

    /**
     * SKEYSEED of a rekeyed IKE SA = prf(SK_d (old), g^ir (new) | Ni | Nr), computed with the old IKE SA's PRF
     * (RFC 7296 §2.18).
     */
    public static byte[] rekeySkeyseed(PrfAlgorithm oldPrf, byte[] oldSkD, byte[] newGir, byte[] ni, byte[] nr) {
        return Prf.of(oldPrf).compute(oldSkD, newGir, ni, nr);
    }

    /**
     * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr), with the
     * lengths the suite dictates (RFC 7296 §2.14).
     */
    public static IkeSaKeys ikeSaKeys(IkeSuite suite, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
        int prfKey = suite.prf().keyLength();
        int integKey = suite.integrity().keyLength();
        int encKey = suite.encryptionKeyMaterialLength();
        int total = prfKey * 3 + integKey * 2 + encKey * 2;
        byte[] spis = ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array();
        ByteBuffer keymat = ByteBuffer.wrap(Prf.of(suite.prf()).prfPlus(skeyseed, total, ni, nr, spis));
        return new IkeSaKeys(take(keymat, prfKey), take(keymat, integKey), take(keymat, integKey),
                take(keymat, encKey), take(keymat, encKey), take(keymat, prfKey), take(keymat, prfKey));
    }

    /** The IKE SA keys right after IKE_SA_INIT: SKEYSEED from the nonces and g^ir, then §2.14. */
    public static IkeSaKeys initialIkeSaKeys(IkeSuite suite, byte[] ni, byte[] nr, byte[] gir, long spiI,
                                             long spiR) {
        return ikeSaKeys(suite, skeyseed(suite.prf(), ni, nr, gir), ni, nr, spiI, spiR);
    }

    /**
     * The keys of an IKE SA created by rekeying (RFC 7296 §2.18): SKEYSEED with the old PRF and old SK_d, then the
     * SK_* with the new suite, the new SPIs and the nonces of the rekey exchange.
     */
    public static IkeSaKeys rekeyedIkeSaKeys(IkeSuite newSuite, PrfAlgorithm oldPrf, byte[] oldSkD, byte[] newGir,
                                             byte[] ni, byte[] nr, long newSpiI, long newSpiR) {
        byte[] skeyseed = rekeySkeyseed(oldPrf, oldSkD, newGir, ni, nr);
        return ikeSaKeys(newSuite, skeyseed, ni, nr, newSpiI, newSpiR);
    }

    /**
     * Child SA KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (RFC 7296 §2.17), split into encryption then integrity
     * key for initiator-to-responder, then the same for responder-to-initiator. {@code newGir} is null without PFS.
     * For AEAD the encryption key includes the 4-octet salt (RFC 4106 §8.1, RFC 7634 §2) and the integrity key is
     * empty.
     */
    public static ChildSaKeys childSaKeys(PrfAlgorithm prf, byte[] skD, byte[] newGir, byte[] ni, byte[] nr,
                                          EncryptionAlgorithm encryption, int encryptionKeyBits,
                                          IntegrityAlgorithm integrity) {
        if (encryption.isAead() != integrity.equals(IntegrityAlgorithm.NONE)) {
            throw new IllegalArgumentException(encryption + " cannot be combined with integrity " + integrity);
        }
        int encKey = encryption.keyMaterialLength(encryptionKeyBits);
        int integKey = integrity.keyLength();
        int total = 2 * (encKey + integKey);
        Prf p = Prf.of(prf);
        byte[] keymat = newGir == null ? p.prfPlus(skD, total, ni, nr) : p.prfPlus(skD, total, newGir, ni, nr);
        ByteBuffer b = ByteBuffer.wrap(keymat);
        DirectionKeys i2r = new DirectionKeys(take(b, encKey), take(b, integKey));
        DirectionKeys r2i = new DirectionKeys(take(b, encKey), take(b, integKey));
        return new ChildSaKeys(i2r, r2i);
    }

    private static byte[] take(ByteBuffer b, int length) {
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
