package dev.quetzal.plugin.ikev2.auth;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import java.util.Objects;

/**
 * Makes our AUTH payload from our private key. The method follows what the peer announced: with a
 * SIGNATURE_HASH_ALGORITHMS notify we use method 14 and the strongest hash both sides support (RFC 7427 §4), otherwise
 * the classic method for the key: 1 for RSA (RFC 7296 §3.8), 9/10/11 for ECDSA P-256/P-384/P-521 (RFC 4754 §3).
 * SHA-1 is never chosen inside method 14. Works the same for initiator and responder.
 */
public final class AuthSigner {
    /** The RSA signature scheme used inside method 14; the classic method 1 is always PKCS#1 v1.5. */
    public enum RsaPadding {
        PKCS1_V1_5,
        PSS
    }

    private final PrivateKey key;
    private final KeyType keyType;
    private final RsaPadding rsaPadding;

    public AuthSigner(PrivateKey key, RsaPadding rsaPadding) {
        this.key = Objects.requireNonNull(key, "key");
        this.rsaPadding = Objects.requireNonNull(rsaPadding, "rsaPadding");
        this.keyType = KeyType.of(key);
        if (keyType == KeyType.OTHER) {
            throw new IllegalArgumentException("a " + key.getAlgorithm()
                    + " key cannot sign IKE AUTH (RSA or ECDSA P-256/P-384/P-521 only)");
        }
    }

    /** RSA keys sign with PKCS#1 v1.5 inside method 14, as strongSwan and Windows do by default. */
    public static AuthSigner of(PrivateKey key) {
        return new AuthSigner(key, RsaPadding.PKCS1_V1_5);
    }

    public KeyType keyType() {
        return keyType;
    }

    /**
     * Signs the AUTH octets ({@link AuthOctets}).
     *
     * @param peerHashes the hashes of the peer's SIGNATURE_HASH_ALGORITHMS notify; empty when it sent none
     */
    public AuthData sign(byte[] octets, List<SignatureHash> peerHashes) {
        SignatureHash hash = strongestCommon(peerHashes);
        if (hash != null) {
            SignatureScheme scheme = switch (keyType) {
                case RSA -> rsaPadding == RsaPadding.PSS ? SignatureScheme.pss(hash) : SignatureScheme.pkcs1(hash);
                default -> SignatureScheme.ecdsa(hash);
            };
            byte[] signature = sign(scheme.jcaName(), scheme, octets);
            return new AuthData(AuthMethod.DIGITAL_SIGNATURE,
                    DigitalSignatureData.encode(scheme.algorithmIdentifier(), signature));
        }
        return switch (keyType) {
            case RSA -> new AuthData(AuthMethod.RSA_DIGITAL_SIGNATURE, sign("SHA1withRSA", null, octets));
            case EC_P256 -> new AuthData(AuthMethod.ECDSA_SHA256_P256,
                    sign("SHA256withECDSAinP1363Format", null, octets));
            case EC_P384 -> new AuthData(AuthMethod.ECDSA_SHA384_P384,
                    sign("SHA384withECDSAinP1363Format", null, octets));
            case EC_P521 -> new AuthData(AuthMethod.ECDSA_SHA512_P521,
                    sign("SHA512withECDSAinP1363Format", null, octets));
            case OTHER -> throw new IllegalStateException("unreachable: key type checked in the constructor");
        };
    }

    /** The strongest SHA-2 hash in both our {@link SignatureHashAlgorithms#SUPPORTED} and the peer's list. */
    static SignatureHash strongestCommon(List<SignatureHash> peerHashes) {
        SignatureHash best = null;
        for (SignatureHash h : peerHashes) {
            if (SignatureHashAlgorithms.SUPPORTED.contains(h) && (best == null || h.strength() > best.strength())) {
                best = h;
            }
        }
        return best;
    }

    private byte[] sign(String algorithm, SignatureScheme scheme, byte[] octets) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            if (scheme != null && scheme.jcaParameters() != null) {
                signature.setParameter(scheme.jcaParameters());
            }
            signature.update(octets);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // Our own key was accepted at construction; reaching here means a JDK without the algorithm.
            throw new IllegalStateException("cannot sign AUTH with " + algorithm + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "AuthSigner[" + keyType + ", " + rsaPadding + "]";
    }
}
