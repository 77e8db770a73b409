package dev.quetzal.plugin.ikev2.auth;

import java.io.IOException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads the AlgorithmIdentifier of method-14 AUTH data (RFC 7427 §3) into a {@link SignatureScheme}. Parsed as ASN.1
 * rather than compared byte for byte, so equivalent encodings (RFC 7427 Appendix A.4.1 and A.4.2 both mean PSS with
 * SHA-1) are read alike.
 */
public final class AlgorithmIdentifiers {
    private static final Map<ASN1ObjectIdentifier, SignatureScheme> FIXED = Map.of(
            PKCSObjectIdentifiers.sha1WithRSAEncryption, SignatureScheme.pkcs1(SignatureHash.SHA1),
            PKCSObjectIdentifiers.sha256WithRSAEncryption, SignatureScheme.RSA_PKCS1_SHA256,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, SignatureScheme.RSA_PKCS1_SHA384,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, SignatureScheme.RSA_PKCS1_SHA512,
            X9ObjectIdentifiers.ecdsa_with_SHA1, SignatureScheme.ecdsa(SignatureHash.SHA1),
            X9ObjectIdentifiers.ecdsa_with_SHA256, SignatureScheme.ECDSA_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, SignatureScheme.ECDSA_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, SignatureScheme.ECDSA_SHA512);

    private static final Map<ASN1ObjectIdentifier, SignatureHash> HASHES = Map.of(
            OIWObjectIdentifiers.idSHA1, SignatureHash.SHA1,
            NISTObjectIdentifiers.id_sha256, SignatureHash.SHA2_256,
            NISTObjectIdentifiers.id_sha384, SignatureHash.SHA2_384,
            NISTObjectIdentifiers.id_sha512, SignatureHash.SHA2_512);

    private AlgorithmIdentifiers() {
    }

    /** Result of reading an AlgorithmIdentifier. */
    public sealed interface Decoded {
    }

    public record Known(SignatureScheme scheme) implements Decoded {
    }

    /** Well formed, but not an algorithm this package verifies; {@code description} names it for the log. */
    public record Unsupported(String description) implements Decoded {
    }

    public record Malformed(String reason) implements Decoded {
    }

    public static Decoded decode(byte[] der) {
        AlgorithmIdentifier id;
        try {
            // fromByteArray refuses trailing octets, so the length octet of method 14 must be exact.
            id = der.length == 0 ? null : AlgorithmIdentifier.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            id = null;
        }
        if (id == null) {
            return new Malformed("AlgorithmIdentifier is not valid DER");
        }
        try {
            return interpret(id);
        } catch (RuntimeException e) {
            // Bouncy Castle's lazy accessors throw on ill-typed inner elements.
            return new Malformed("AlgorithmIdentifier has ill-typed contents");
        }
    }

    private static Decoded interpret(AlgorithmIdentifier id) {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        SignatureScheme fixed = FIXED.get(oid);
        if (fixed != null) {
            ASN1Encodable params = id.getParameters();
            boolean nullOrAbsent = params == null || DERNull.INSTANCE.equals(params);
            return nullOrAbsent ? new Known(fixed) : new Malformed("unexpected parameters for " + oid.getId());
        }
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            return pss(id.getParameters());
        }
        return new Unsupported("signature algorithm " + oid.getId());
    }

    private static Decoded pss(ASN1Encodable parameters) {
        RSASSAPSSparams params;
        try {
            // Absent parameters mean the RSASSA-PSS defaults, like an empty sequence (RFC 4055 §3.1).
            params = RSASSAPSSparams.getInstance(parameters == null || DERNull.INSTANCE.equals(parameters)
                    ? new org.bouncycastle.asn1.DERSequence() : parameters);
        } catch (RuntimeException e) {
            return new Malformed("RSASSA-PSS parameters are not valid");
        }
        SignatureHash hash = HASHES.get(params.getHashAlgorithm().getAlgorithm());
        if (hash == null) {
            return new Unsupported("RSASSA-PSS with hash " + params.getHashAlgorithm().getAlgorithm().getId());
        }
        AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
        if (!PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())) {
            return new Unsupported("RSASSA-PSS with mask generation " + mgf.getAlgorithm().getId());
        }
        SignatureHash mgfHash;
        try {
            mgfHash = HASHES.get(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm());
        } catch (RuntimeException e) {
            return new Malformed("MGF1 parameters are not a hash AlgorithmIdentifier");
        }
        if (!hash.equals(mgfHash)) {
            return new Unsupported("RSASSA-PSS with MGF1 over a hash other than " + hash);
        }
        if (params.getTrailerField().intValueExact() != 1) {
            return new Unsupported("RSASSA-PSS trailer field " + params.getTrailerField());
        }
        int salt;
        try {
            salt = params.getSaltLength().intValueExact();
        } catch (ArithmeticException e) {
            return new Malformed("RSASSA-PSS salt length out of range");
        }
        if (salt < 0 || salt > 1024) {
            return new Malformed("RSASSA-PSS salt length " + salt + " out of range");
        }
        return new Known(new SignatureScheme(SignatureScheme.Family.RSA_PSS, hash, salt));
    }
}
