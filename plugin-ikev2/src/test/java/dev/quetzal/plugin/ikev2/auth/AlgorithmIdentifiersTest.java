package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AlgorithmIdentifier encodings of method 14, byte for byte against RFC 7427 Appendix A. */
final class AlgorithmIdentifiersTest {
    private static final HexFormat HEX = HexFormat.of();

    // RFC 7427 Appendix A.1.1-A.1.4: PKCS#1 v1.5 with NULL parameters.
    static final String SHA1_WITH_RSA = "300d06092a864886f70d0101050500";
    static final String SHA256_WITH_RSA = "300d06092a864886f70d01010b0500";
    static final String SHA384_WITH_RSA = "300d06092a864886f70d01010c0500";
    static final String SHA512_WITH_RSA = "300d06092a864886f70d01010d0500";
    // RFC 7427 Appendix A.2.2: dsa-with-sha256, which this package does not verify.
    static final String DSA_WITH_SHA256 = "300b0609608648016503040302";
    // RFC 7427 Appendix A.3.1-A.3.4: ECDSA, parameters absent.
    static final String ECDSA_WITH_SHA1 = "300906072a8648ce3d0401";
    static final String ECDSA_WITH_SHA256 = "300a06082a8648ce3d040302";
    static final String ECDSA_WITH_SHA384 = "300a06082a8648ce3d040303";
    static final String ECDSA_WITH_SHA512 = "300a06082a8648ce3d040304";
    // RFC 7427 Appendix A.4.1: RSASSA-PSS with empty parameters (all defaults: SHA-1, MGF1-SHA-1, salt 20).
    static final String PSS_EMPTY = "300d06092a864886f70d01010a3000";
    // RFC 7427 Appendix A.4.2: RSASSA-PSS with the defaults spelled out (not DER, but must be read alike).
    static final String PSS_DEFAULTS_EXPLICIT = "303e06092a864886f70d01010a3031a00b300906052b0e03021a0500a118"
            + "301606092a864886f70d010108300906052b0e03021a0500a203020114a303020101";
    // RFC 7427 Appendix A.4.3: RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt 32.
    static final String PSS_SHA256 = "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a"
            + "06092a864886f70d010108300d06096086480165030402010500a203020120";
    // Same structure for SHA-384 (salt 48) and SHA-512 (salt 64); not in RFC 7427, built as A.4.3 is.
    static final String PSS_SHA384 = "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a"
            + "06092a864886f70d010108300d06096086480165030402020500a203020130";
    static final String PSS_SHA512 = "304106092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a"
            + "06092a864886f70d010108300d06096086480165030402030500a203020140";

    @Test
    @DisplayName("RFC 7427 A.1.2-A.1.4: sha256/384/512WithRSAEncryption encode byte for byte")
    void encodesPkcs1() {
        assertEquals(SHA256_WITH_RSA, HEX.formatHex(SignatureScheme.RSA_PKCS1_SHA256.algorithmIdentifier()));
        assertEquals(SHA384_WITH_RSA, HEX.formatHex(SignatureScheme.RSA_PKCS1_SHA384.algorithmIdentifier()));
        assertEquals(SHA512_WITH_RSA, HEX.formatHex(SignatureScheme.RSA_PKCS1_SHA512.algorithmIdentifier()));
        assertEquals(SHA1_WITH_RSA, HEX.formatHex(SignatureScheme.pkcs1(SignatureHash.SHA1).algorithmIdentifier()));
    }

    @Test
    @DisplayName("RFC 7427 A.3.2-A.3.4: ecdsa-with-SHA256/384/512 encode byte for byte")
    void encodesEcdsa() {
        assertEquals(ECDSA_WITH_SHA256, HEX.formatHex(SignatureScheme.ECDSA_SHA256.algorithmIdentifier()));
        assertEquals(ECDSA_WITH_SHA384, HEX.formatHex(SignatureScheme.ECDSA_SHA384.algorithmIdentifier()));
        assertEquals(ECDSA_WITH_SHA512, HEX.formatHex(SignatureScheme.ECDSA_SHA512.algorithmIdentifier()));
        assertEquals(ECDSA_WITH_SHA1, HEX.formatHex(SignatureScheme.ecdsa(SignatureHash.SHA1).algorithmIdentifier()));
    }

    @Test
    @DisplayName("RFC 7427 A.4.3: RSASSA-PSS with SHA-256 and MGF1-SHA-256 encodes byte for byte; 384/512 alike")
    void encodesPss() {
        assertEquals(PSS_SHA256, HEX.formatHex(SignatureScheme.RSA_PSS_SHA256.algorithmIdentifier()));
        assertEquals(PSS_SHA384, HEX.formatHex(SignatureScheme.RSA_PSS_SHA384.algorithmIdentifier()));
        assertEquals(PSS_SHA512, HEX.formatHex(SignatureScheme.RSA_PSS_SHA512.algorithmIdentifier()));
        // RFC 7427 A.4.1: the DER of all-default parameters is the empty sequence.
        assertEquals(PSS_EMPTY, HEX.formatHex(SignatureScheme.pss(SignatureHash.SHA1).algorithmIdentifier()));
    }

    @Test
    @DisplayName("RFC 7427 Appendix A: every listed encoding decodes to its scheme")
    void decodesAppendixA() {
        assertEquals(SignatureScheme.pkcs1(SignatureHash.SHA1), known(SHA1_WITH_RSA));
        assertEquals(SignatureScheme.RSA_PKCS1_SHA256, known(SHA256_WITH_RSA));
        assertEquals(SignatureScheme.RSA_PKCS1_SHA384, known(SHA384_WITH_RSA));
        assertEquals(SignatureScheme.RSA_PKCS1_SHA512, known(SHA512_WITH_RSA));
        assertEquals(SignatureScheme.ecdsa(SignatureHash.SHA1), known(ECDSA_WITH_SHA1));
        assertEquals(SignatureScheme.ECDSA_SHA256, known(ECDSA_WITH_SHA256));
        assertEquals(SignatureScheme.ECDSA_SHA384, known(ECDSA_WITH_SHA384));
        assertEquals(SignatureScheme.ECDSA_SHA512, known(ECDSA_WITH_SHA512));
        assertEquals(SignatureScheme.RSA_PSS_SHA256, known(PSS_SHA256));
        assertEquals(SignatureScheme.RSA_PSS_SHA384, known(PSS_SHA384));
        assertEquals(SignatureScheme.RSA_PSS_SHA512, known(PSS_SHA512));
        assertEquals(new SignatureScheme(SignatureScheme.Family.RSA_PSS, SignatureHash.SHA1, 20), known(PSS_EMPTY));
        assertEquals(new SignatureScheme(SignatureScheme.Family.RSA_PSS, SignatureHash.SHA1, 20),
                known(PSS_DEFAULTS_EXPLICIT));
    }

    @Test
    @DisplayName("RFC 7427 A.2.2: DSA is well formed but unsupported")
    void dsaIsUnsupported() {
        var decoded = AlgorithmIdentifiers.decode(HEX.parseHex(DSA_WITH_SHA256));
        assertInstanceOf(AlgorithmIdentifiers.Unsupported.class, decoded);
    }

    @Test
    @DisplayName("RFC 7427 §3: PSS whose MGF1 hash differs from the message hash is unsupported")
    void pssWithMismatchedMgfIsUnsupported() {
        // A.4.3 with the MGF1 hash changed to SHA-384 (octet 0x01 -> 0x02 inside [1]).
        byte[] der = HEX.parseHex(PSS_SHA256);
        der[der.length - 8] = 0x02;
        assertInstanceOf(AlgorithmIdentifiers.Unsupported.class, AlgorithmIdentifiers.decode(der));
    }

    @Test
    @DisplayName("RFC 7427 §3: trailing octets after the AlgorithmIdentifier are malformed")
    void trailingOctetsAreMalformed() {
        byte[] der = Arrays.copyOf(HEX.parseHex(SHA256_WITH_RSA), 16);
        assertInstanceOf(AlgorithmIdentifiers.Malformed.class, AlgorithmIdentifiers.decode(der));
    }

    @ParameterizedTest
    @ValueSource(strings = {SHA256_WITH_RSA, ECDSA_WITH_SHA384, PSS_SHA256, PSS_DEFAULTS_EXPLICIT})
    @DisplayName("RFC 7427 §3: every truncated prefix and every single-octet corruption decodes without throwing")
    void truncationsAndCorruptionsNeverThrow(String hex) {
        byte[] der = HEX.parseHex(hex);
        for (int length = 0; length < der.length; length++) {
            assertInstanceOf(AlgorithmIdentifiers.Malformed.class,
                    AlgorithmIdentifiers.decode(Arrays.copyOf(der, length)), "prefix of " + length);
        }
        for (int i = 0; i < der.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] mutated = der.clone();
                mutated[i] ^= (byte) (1 << bit);
                // Any of the three outcomes is fine; an exception is not.
                assertInstanceOf(AlgorithmIdentifiers.Decoded.class, AlgorithmIdentifiers.decode(mutated));
            }
        }
    }

    @Test
    @DisplayName("RFC 7427 §3: method 14 data is a length octet, the AlgorithmIdentifier and the signature")
    void digitalSignatureDataLayout() {
        byte[] algorithm = HEX.parseHex(ECDSA_WITH_SHA256);
        byte[] data = DigitalSignatureData.encode(algorithm, new byte[] {1, 2, 3});
        assertEquals(12, data[0]);
        assertEquals("0c" + ECDSA_WITH_SHA256 + "010203", HEX.formatHex(data));
        var parts = assertInstanceOf(DigitalSignatureData.Parts.class, DigitalSignatureData.decode(data));
        assertArrayEquals(algorithm, parts.algorithmIdentifier());
        assertArrayEquals(new byte[] {1, 2, 3}, parts.signature());
        for (int length = 0; length <= 1 + algorithm.length; length++) {
            assertInstanceOf(DigitalSignatureData.Malformed.class,
                    DigitalSignatureData.decode(Arrays.copyOf(data, length)), "prefix of " + length);
        }
        assertInstanceOf(DigitalSignatureData.Malformed.class, DigitalSignatureData.decode(new byte[] {0, 1, 2}));
    }

    private static SignatureScheme known(String hex) {
        return assertInstanceOf(AlgorithmIdentifiers.Known.class, AlgorithmIdentifiers.decode(HEX.parseHex(hex)),
                hex).scheme();
    }
}
