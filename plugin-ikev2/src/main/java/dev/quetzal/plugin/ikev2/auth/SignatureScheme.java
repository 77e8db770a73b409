package dev.quetzal.plugin.ikev2.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A signature algorithm that AUTH method 14 can name in its AlgorithmIdentifier (RFC 7427 §3, Appendix A):
 * RSASSA-PKCS1-v1_5, RSASSA-PSS with MGF1 over the same hash, or ECDSA (DER signature), each with one hash.
 */
public record SignatureScheme(Family family, SignatureHash hash, int pssSaltLength) {
    public enum Family {
        RSA_PKCS1,
        RSA_PSS,
        ECDSA
    }

    public static final SignatureScheme RSA_PKCS1_SHA256 = pkcs1(SignatureHash.SHA2_256);
    public static final SignatureScheme RSA_PKCS1_SHA384 = pkcs1(SignatureHash.SHA2_384);
    public static final SignatureScheme RSA_PKCS1_SHA512 = pkcs1(SignatureHash.SHA2_512);
    /** Salt length equal to the hash length, as RFC 7427 Appendix A.4.3 and RFC 8017 §9.1 recommend. */
    public static final SignatureScheme RSA_PSS_SHA256 = pss(SignatureHash.SHA2_256);
    public static final SignatureScheme RSA_PSS_SHA384 = pss(SignatureHash.SHA2_384);
    public static final SignatureScheme RSA_PSS_SHA512 = pss(SignatureHash.SHA2_512);
    public static final SignatureScheme ECDSA_SHA256 = ecdsa(SignatureHash.SHA2_256);
    public static final SignatureScheme ECDSA_SHA384 = ecdsa(SignatureHash.SHA2_384);
    public static final SignatureScheme ECDSA_SHA512 = ecdsa(SignatureHash.SHA2_512);

    public SignatureScheme {
        if (hashLength(hash) == 0) {
            throw new IllegalArgumentException("no signature scheme with hash " + hash);
        }
        if (family == Family.RSA_PSS ? pssSaltLength < 0 : pssSaltLength != 0) {
            throw new IllegalArgumentException("salt length " + pssSaltLength + " does not fit " + family);
        }
    }

    public static SignatureScheme pkcs1(SignatureHash hash) {
        return new SignatureScheme(Family.RSA_PKCS1, hash, 0);
    }

    public static SignatureScheme pss(SignatureHash hash) {
        return new SignatureScheme(Family.RSA_PSS, hash, hashLength(hash));
    }

    public static SignatureScheme ecdsa(SignatureHash hash) {
        return new SignatureScheme(Family.ECDSA, hash, 0);
    }

    /** Whether a key of this type can make or check this signature. */
    public boolean fits(KeyType keyType) {
        return family == Family.ECDSA ? keyType.isEc() : keyType == KeyType.RSA;
    }

    /** The JCA algorithm name (SunRsaSign / SunEC). */
    public String jcaName() {
        String h = jcaHash(hash).replace("-", "");
        return switch (family) {
            case RSA_PKCS1 -> h + "withRSA";
            case RSA_PSS -> "RSASSA-PSS";
            case ECDSA -> h + "withECDSA";
        };
    }

    /** Parameters for {@link java.security.Signature#setParameter}, or null when the algorithm takes none. */
    public AlgorithmParameterSpec jcaParameters() {
        if (family != Family.RSA_PSS) {
            return null;
        }
        String h = jcaHash(hash);
        return new PSSParameterSpec(h, "MGF1", new MGF1ParameterSpec(h), pssSaltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** The DER AlgorithmIdentifier (RFC 7427 Appendix A): NULL parameters for RSA, none for ECDSA. */
    public byte[] algorithmIdentifier() {
        AlgorithmIdentifier id = switch (family) {
            case RSA_PKCS1 -> new AlgorithmIdentifier(pkcs1Oid(hash), DERNull.INSTANCE);
            case ECDSA -> new AlgorithmIdentifier(ecdsaOid(hash));
            case RSA_PSS -> {
                AlgorithmIdentifier digest = new AlgorithmIdentifier(hashOid(hash), DERNull.INSTANCE);
                yield new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(digest,
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, digest),
                        new ASN1Integer(pssSaltLength), RSASSAPSSparams.DEFAULT_TRAILER_FIELD));
            }
        };
        try {
            return id.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return family + "_" + hash + (family == Family.RSA_PSS ? "_SALT" + pssSaltLength : "");
    }

    static int hashLength(SignatureHash hash) {
        return switch (hash.id()) {
            case 1 -> 20;
            case 2 -> 32;
            case 3 -> 48;
            case 4 -> 64;
            default -> 0;
        };
    }

    static String jcaHash(SignatureHash hash) {
        return switch (hash.id()) {
            case 1 -> "SHA-1";
            case 2 -> "SHA-256";
            case 3 -> "SHA-384";
            case 4 -> "SHA-512";
            default -> throw new IllegalArgumentException("no JCA digest for " + hash);
        };
    }

    static ASN1ObjectIdentifier hashOid(SignatureHash hash) {
        return switch (hash.id()) {
            case 1 -> OIWObjectIdentifiers.idSHA1;
            case 2 -> NISTObjectIdentifiers.id_sha256;
            case 3 -> NISTObjectIdentifiers.id_sha384;
            case 4 -> NISTObjectIdentifiers.id_sha512;
            default -> throw new IllegalArgumentException("no OID for " + hash);
        };
    }

    private static ASN1ObjectIdentifier pkcs1Oid(SignatureHash hash) {
        return switch (hash.id()) {
            case 1 -> PKCSObjectIdentifiers.sha1WithRSAEncryption;
            case 2 -> PKCSObjectIdentifiers.sha256WithRSAEncryption;
            case 3 -> PKCSObjectIdentifiers.sha384WithRSAEncryption;
            case 4 -> PKCSObjectIdentifiers.sha512WithRSAEncryption;
            default -> throw new IllegalArgumentException("no OID for " + hash);
        };
    }

    private static ASN1ObjectIdentifier ecdsaOid(SignatureHash hash) {
        return switch (hash.id()) {
            case 1 -> X9ObjectIdentifiers.ecdsa_with_SHA1;
            case 2 -> X9ObjectIdentifiers.ecdsa_with_SHA256;
            case 3 -> X9ObjectIdentifiers.ecdsa_with_SHA384;
            case 4 -> X9ObjectIdentifiers.ecdsa_with_SHA512;
            default -> throw new IllegalArgumentException("no OID for " + hash);
        };
    }
}
