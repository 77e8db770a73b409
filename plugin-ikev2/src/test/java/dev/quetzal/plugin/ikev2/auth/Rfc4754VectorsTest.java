package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 4754 §8 test vectors (ECDSA-256 §8.1, ECDSA-384 §8.2): the published keys, fixed ephemeral k, message "abc"
 * and signatures. The published signature verifies through AUTH methods 9 and 10, and signing with the published k
 * reproduces it, which also shows that r|s are laid out as RFC 4754 §7 says.
 */
final class Rfc4754VectorsTest {
    private static final byte[] MESSAGE = "abc".getBytes(StandardCharsets.US_ASCII);

    record Vector(String curve, String hash, String w, String gwx, String gwy, String k, String r, String s) {
    }

    // RFC 4754 §8.1.
    static final Vector ECDSA_256 = new Vector("secp256r1", "SHA-256",
            "DC51D3866A15BACDE33D96F992FCA99DA7E6EF0934E7097559C27F1614C88A7F",
            "2442A5CC0ECD015FA3CA31DC8E2BBC70BF42D60CBCA20085E0822CB04235E970",
            "6FC98BD7E50211A4A27102FA3549DF79EBCB4BF246B80945CDDFE7D509BBFD7D",
            "9E56F509196784D963D1C0A401510EE7ADA3DCC5DEE04B154BF61AF1D5A6DECE",
            "CB28E0999B9C7715FD0A80D8E47A77079716CBBF917DD72E97566EA1C066957C",
            "86FA3BB4E26CAD5BF90B7F81899256CE7594BB1EA0C89212748BFF3B3D5B0315");
    // RFC 4754 §8.2.
    static final Vector ECDSA_384 = new Vector("secp384r1", "SHA-384",
            "0BEB646634BA87735D77AE4809A0EBEA865535DE4C1E1DCB692E84708E81A5AF62E528C38B2A81B35309668D73524D9F",
            "96281BF8DD5E0525CA049C048D345D3082968D10FEDF5C5ACA0C64E6465A97EA5CE10C9DFEC21797415710721F437922",
            "447688BA94708EB6E2E4D59F6AB6D7EDFF9301D249FE49C33096655F5D502FAD3D383B91C5E7EDAA2B714CC99D5743CA",
            "B4B74E44D71A13D568003D7489908D564C7761E229C58CBFA18950096EB7463B854D7FA992F934D927376285E63414FA",
            "FB017B914E29149432D8BAC29A514640B46F53DDAB2C69948084E2930F1C8F7E08E07C9C63F2D21A07DCB56A6AF56EB3",
            "B263A1305E057F984D38726A1B46874109F417BCA112674C528262A40A629AF1CBB9F516CE0FA7D2FF630863A00E8B9F");

    @Test
    @DisplayName("RFC 4754 §8.1: ECDSA-256 published signature verifies as AUTH method 9")
    void ecdsa256() throws Exception {
        check(ECDSA_256, AuthMethod.ECDSA_SHA256_P256);
    }

    @Test
    @DisplayName("RFC 4754 §8.2: ECDSA-384 published signature verifies as AUTH method 10")
    void ecdsa384() throws Exception {
        check(ECDSA_384, AuthMethod.ECDSA_SHA384_P384);
    }

    private static void check(Vector v, AuthMethod method) throws Exception {
        byte[] signature = HexFormat.of().parseHex(v.r() + v.s());
        PublicKey key = publicKey(v);
        AuthVerifier verifier = new AuthVerifier(AuthPolicy.DEFAULT);
        assertInstanceOf(AuthVerification.Ok.class, verifier.verify(method, signature, key, MESSAGE));
        AuthSignVerifyTest.assertFailure(AuthFailure.BAD_SIGNATURE,
                verifier.verify(method, signature, key, "abd".getBytes(StandardCharsets.US_ASCII)));
        AuthSignVerifyTest.assertFailure(AuthFailure.BAD_SIGNATURE,
                verifier.verify(method, AuthSignVerifyTest.tampered(signature), key, MESSAGE));

        // The published public key is w·G, and signing with the published k gives the published r and s.
        X9ECParameters curve = ECNamedCurveTable.getByName(v.curve());
        BigInteger w = new BigInteger(v.w(), 16);
        var gw = curve.getG().multiply(w).normalize();
        assertEquals(new BigInteger(v.gwx(), 16), gw.getAffineXCoord().toBigInteger());
        assertEquals(new BigInteger(v.gwy(), 16), gw.getAffineYCoord().toBigInteger());
        ECDSASigner signer = new ECDSASigner(new FixedK(new BigInteger(v.k(), 16)));
        signer.init(true, new ECPrivateKeyParameters(w, new ECDomainParameters(curve)));
        BigInteger[] rs = signer.generateSignature(MessageDigest.getInstance(v.hash()).digest(MESSAGE));
        assertEquals(new BigInteger(v.r(), 16), rs[0]);
        assertEquals(new BigInteger(v.s(), 16), rs[1]);
    }

    private static PublicKey publicKey(Vector v) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(v.curve()));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(v.gwx(), 16), new BigInteger(v.gwy(), 16));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    /** The RFC's fixed ephemeral key in place of a random one. */
    private record FixedK(BigInteger k) implements DSAKCalculator {
        @Override
        public boolean isDeterministic() {
            return true;
        }

        @Override
        public void init(BigInteger n, SecureRandom random) {
            throw new UnsupportedOperationException("deterministic");
        }

        @Override
        public void init(BigInteger n, BigInteger d, byte[] message) {
        }

        @Override
        public BigInteger nextK() {
            return k;
        }
    }
}
