package dev.quetzal.plugin.ikev2.auth;

import dev.quetzal.plugin.ikev2.auth.AuthVerification.Failed;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Objects;

/**
 * Checks a peer's AUTH payload against the public key of its validated certificate. Methods 1 (RFC 7296 §3.8),
 * 9/10/11 (RFC 4754 §3, signature r|s of fixed length, not DER) and 14 (RFC 7427 §3) are accepted. Never throws on
 * peer input: every problem is a {@link Failed} with a reason.
 */
public final class AuthVerifier {
    private final AuthPolicy policy;

    public AuthVerifier(AuthPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public AuthVerification verify(AuthData auth, PublicKey peerKey, byte[] octets) {
        return verify(auth.method(), auth.data(), peerKey, octets);
    }

    public AuthVerification verify(AuthMethod method, byte[] data, PublicKey peerKey, byte[] octets) {
        KeyType keyType = KeyType.of(peerKey);
        return switch (method.value()) {
            case 1 -> keyType != KeyType.RSA
                    ? mismatch(method, keyType)
                    : check(method, "SHA1withRSA", null, peerKey, data, octets);
            case 9 -> ecdsa(method, KeyType.EC_P256, 32, "SHA256", keyType, peerKey, data, octets);
            case 10 -> ecdsa(method, KeyType.EC_P384, 48, "SHA384", keyType, peerKey, data, octets);
            case 11 -> ecdsa(method, KeyType.EC_P521, 66, "SHA512", keyType, peerKey, data, octets);
            case 14 -> digitalSignature(keyType, peerKey, data, octets);
            default -> new Failed(AuthFailure.UNKNOWN_METHOD, "auth method " + method + " is not accepted");
        };
    }

    private AuthVerification ecdsa(AuthMethod method, KeyType expected, int coordinateLength, String hash,
            KeyType keyType, PublicKey key, byte[] data, byte[] octets) {
        if (keyType != expected) {
            return mismatch(method, keyType);
        }
        if (data.length != 2 * coordinateLength) {
            return new Failed(AuthFailure.MALFORMED, method + " signature is " + data.length
                    + " octets, r|s needs " + 2 * coordinateLength);
        }
        return check(method, hash + "withECDSAinP1363Format", null, key, data, octets);
    }

    private AuthVerification digitalSignature(KeyType keyType, PublicKey key, byte[] data, byte[] octets) {
        AuthMethod method = AuthMethod.DIGITAL_SIGNATURE;
        DigitalSignatureData.Parts parts;
        switch (DigitalSignatureData.decode(data)) {
            case DigitalSignatureData.Parts p -> parts = p;
            case DigitalSignatureData.Malformed m -> {
                return new Failed(AuthFailure.MALFORMED, m.reason());
            }
        }
        SignatureScheme scheme;
        switch (AlgorithmIdentifiers.decode(parts.algorithmIdentifier())) {
            case AlgorithmIdentifiers.Known known -> scheme = known.scheme();
            case AlgorithmIdentifiers.Unsupported u -> {
                return new Failed(AuthFailure.ALGORITHM_NOT_ALLOWED, "method 14 names unsupported " + u.description());
            }
            case AlgorithmIdentifiers.Malformed m -> {
                return new Failed(AuthFailure.MALFORMED, "method 14: " + m.reason());
            }
        }
        if (scheme.hash().equals(SignatureHash.SHA1) && !policy.allowSha1InDigitalSignature()) {
            return new Failed(AuthFailure.ALGORITHM_NOT_ALLOWED, "method 14 with " + scheme + ": SHA-1 is refused");
        }
        if (!scheme.fits(keyType)) {
            return new Failed(AuthFailure.KEY_METHOD_MISMATCH, "method 14 with " + scheme + " but the peer key is "
                    + keyType);
        }
        AuthVerification result = check(method, scheme.jcaName(), scheme.jcaParameters(), key, parts.signature(),
                octets);
        return result instanceof AuthVerification.Ok ? new AuthVerification.Ok(method, scheme.toString()) : result;
    }

    private static AuthVerification mismatch(AuthMethod method, KeyType keyType) {
        return new Failed(AuthFailure.KEY_METHOD_MISMATCH, method + " cannot be made by a " + keyType + " key");
    }

    private static AuthVerification check(AuthMethod method, String algorithm, AlgorithmParameterSpec parameters,
            PublicKey key, byte[] signatureBytes, byte[] octets) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            signature.update(octets);
            return signature.verify(signatureBytes)
                    ? new AuthVerification.Ok(method, algorithm)
                    : new Failed(AuthFailure.BAD_SIGNATURE, method + " signature does not verify (" + algorithm + ")");
        } catch (InvalidKeyException e) {
            return new Failed(AuthFailure.KEY_METHOD_MISMATCH, algorithm + " refuses the peer's " + key.getAlgorithm()
                    + " key");
        } catch (InvalidAlgorithmParameterException e) {
            return new Failed(AuthFailure.ALGORITHM_NOT_ALLOWED, algorithm + " parameters unusable with this key");
        } catch (SignatureException e) {
            return new Failed(AuthFailure.BAD_SIGNATURE, method + " signature is not well formed (" + algorithm + ")");
        } catch (GeneralSecurityException e) {
            return new Failed(AuthFailure.ALGORITHM_NOT_ALLOWED, algorithm + " is not available");
        }
    }
}
