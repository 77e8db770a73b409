package dev.quetzal.plugin.ikev2.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * Curve25519 key exchange, group 31 (RFC 8031) with SunEC XDH. Public values and the shared secret are the 32-octet
 * little-endian strings of RFC 7748 §5; an all-zero shared secret is refused (RFC 8031 §2, RFC 7748 §6.1).
 */
public final class X25519DiffieHellman implements DiffieHellman {
    private static final int LENGTH = 32;
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    private final KeyPair keyPair;

    private X25519DiffieHellman(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    static X25519DiffieHellman generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(NamedParameterSpec.X25519, random);
            return new X25519DiffieHellman(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC cannot generate an X25519 key", e);
        }
    }

    /** For known-answer tests: a fixed key pair. */
    static X25519DiffieHellman fromKeyPair(KeyPair keyPair) {
        return new X25519DiffieHellman(keyPair);
    }

    @Override
    public DhGroup group() {
        return DhGroup.CURVE25519;
    }

    @Override
    public byte[] publicValue() {
        return littleEndian(((XECPublicKey) keyPair.getPublic()).getU());
    }

    @Override
    public DhResult agree(byte[] peer) {
        if (peer.length != LENGTH) {
            return new DhResult.Invalid(DhResult.Reason.WRONG_LENGTH, "CURVE25519 KE data must be 32 octets, got "
                    + peer.length);
        }
        byte[] bigEndian = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bigEndian[i] = peer[LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7F; // RFC 7748 §5: the receiver masks the top bit of the last octet
        BigInteger u = new BigInteger(1, bigEndian).mod(P); // non-canonical values are accepted, reduced mod p
        byte[] secret;
        try {
            var peerKey = KeyFactory.getInstance("XDH").generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(keyPair.getPrivate());
            ka.doPhase(peerKey, true);
            secret = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            // SunEC itself refuses small-order inputs whose result is all zero.
            return new DhResult.Invalid(DhResult.Reason.DEGENERATE, "CURVE25519 agreement failed: "
                    + e.getClass().getSimpleName());
        }
        int or = 0;
        for (byte b : secret) {
            or |= b;
        }
        if (or == 0 || secret.length != LENGTH) {
            return new DhResult.Invalid(DhResult.Reason.DEGENERATE, "CURVE25519 shared secret is all zero");
        }
        return new DhResult.Agreed(secret);
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] be = Octets.fixedLength(u, LENGTH);
        byte[] le = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            le[i] = be[LENGTH - 1 - i];
        }
        return le;
    }

    @Override
    public String toString() {
        return "X25519DiffieHellman[CURVE25519]";
    }
}
