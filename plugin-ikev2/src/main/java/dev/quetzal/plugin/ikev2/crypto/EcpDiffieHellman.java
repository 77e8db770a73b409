package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_384;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_521;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * ECDH over the random ECP groups 19, 20, 21 (RFC 5903) with SunEC. The KE data is x | y, each coordinate padded to
 * the field length, without the SEC1 0x04 prefix; the shared secret is the x coordinate only (RFC 5903 §7).
 */
public final class EcpDiffieHellman implements DiffieHellman {
    private final DhGroup group;
    private final KeyPair keyPair;
    private final ECParameterSpec params;
    private final int coordinateLength;

    private EcpDiffieHellman(DhGroup group, KeyPair keyPair) {
        this.group = group;
        this.keyPair = keyPair;
        this.params = ((ECPublicKey) keyPair.getPublic()).getParams();
        this.coordinateLength = group.publicValueLength() / 2;
    }

    static EcpDiffieHellman generate(DhGroup group, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curveName(group)), random);
            return new EcpDiffieHellman(group, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC cannot generate a " + group + " key", e);
        }
    }

    /** For known-answer tests: a fixed key pair of the group's curve. */
    static EcpDiffieHellman fromKeyPair(DhGroup group, KeyPair keyPair) {
        return new EcpDiffieHellman(group, keyPair);
    }

    static String curveName(DhGroup group) {
        return switch (group.id()) {
            case GROUP_ECP_256 -> "secp256r1";
            case GROUP_ECP_384 -> "secp384r1";
            case GROUP_ECP_521 -> "secp521r1";
            default -> throw new IllegalArgumentException(group + " is not an ECP group");
        };
    }

    @Override
    public DhGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        ECPoint w = ((ECPublicKey) keyPair.getPublic()).getW();
        byte[] out = new byte[2 * coordinateLength];
        System.arraycopy(Octets.fixedLength(w.getAffineX(), coordinateLength), 0, out, 0,
                coordinateLength);
        System.arraycopy(Octets.fixedLength(w.getAffineY(), coordinateLength), 0, out, coordinateLength,
                coordinateLength);
        return out;
    }

    @Override
    public DhResult agree(byte[] peer) {
        if (peer.length != group.publicValueLength()) {
            return new DhResult.Invalid(DhResult.Reason.WRONG_LENGTH, group + " KE data must be "
                    + group.publicValueLength() + " octets, got " + peer.length);
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(peer, 0, coordinateLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peer, coordinateLength, peer.length));
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return new DhResult.Invalid(DhResult.Reason.OUT_OF_RANGE, group + " coordinate is not below p");
        }
        if (x.signum() == 0 && y.signum() == 0) {
            // (0, 0) is how some encoders write the point at infinity; it is not on these curves either.
            return new DhResult.Invalid(DhResult.Reason.DEGENERATE, group + " peer value is the identity");
        }
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger rhs = x.pow(3).add(a.multiply(x)).add(b).mod(p);
        if (!y.multiply(y).mod(p).equals(rhs)) {
            return new DhResult.Invalid(DhResult.Reason.NOT_ON_CURVE, group + " peer point is not on the curve");
        }
        try {
            var peerKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(keyPair.getPrivate());
            ka.doPhase(peerKey, true);
            byte[] secret = ka.generateSecret();
            // SunEC returns the x coordinate at field length already; normalise in case a provider strips zeros.
            return new DhResult.Agreed(Octets.fixedLength(new BigInteger(1, secret), coordinateLength));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new DhResult.Invalid(DhResult.Reason.REJECTED_BY_PROVIDER, group + " agreement failed: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "EcpDiffieHellman[" + group + "]";
    }
}
