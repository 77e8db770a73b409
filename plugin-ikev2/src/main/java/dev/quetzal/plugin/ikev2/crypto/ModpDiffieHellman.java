package dev.quetzal.plugin.ikev2.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * Group 14, the 2048-bit MODP group of RFC 3526 §3 (generator 2), with SunJCE DH. Public values and g^ir are padded
 * to the 256-octet modulus length (RFC 7296 §3.4, §2.14); peer values must satisfy 1 &lt; y &lt; p-1.
 */
public final class ModpDiffieHellman implements DiffieHellman {
    /** RFC 3526 §3: p = 2^2048 - 2^1984 - 1 + 2^64 * ( [2^1918 pi] + 124476 ). */
    static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);
    static final BigInteger G = BigInteger.TWO;
    private static final int LENGTH = 256;

    private final KeyPair keyPair;

    private ModpDiffieHellman(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    static ModpDiffieHellman generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
            g.initialize(new DHParameterSpec(P, G), random);
            return new ModpDiffieHellman(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunJCE cannot generate a MODP_2048 key", e);
        }
    }

    @Override
    public DhGroup group() {
        return DhGroup.MODP_2048;
    }

    @Override
    public byte[] publicValue() {
        return Octets.fixedLength(((DHPublicKey) keyPair.getPublic()).getY(), LENGTH);
    }

    @Override
    public DhResult agree(byte[] peer) {
        if (peer.length != LENGTH) {
            return new DhResult.Invalid(DhResult.Reason.WRONG_LENGTH, "MODP_2048 KE data must be 256 octets, got "
                    + peer.length);
        }
        BigInteger y = new BigInteger(1, peer);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P.subtract(BigInteger.ONE)) >= 0) {
            // 0, 1 and p-1 force the shared secret into {0, 1, p-1}; values >= p are not field elements.
            return new DhResult.Invalid(DhResult.Reason.OUT_OF_RANGE, "MODP_2048 value is not in (1, p-1)");
        }
        try {
            var peerKey = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, P, G));
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(keyPair.getPrivate());
            ka.doPhase(peerKey, true);
            return new DhResult.Agreed(Octets.fixedLength(new BigInteger(1, ka.generateSecret()), LENGTH));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new DhResult.Invalid(DhResult.Reason.REJECTED_BY_PROVIDER, "MODP_2048 agreement failed: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "ModpDiffieHellman[MODP_2048]";
    }
}
