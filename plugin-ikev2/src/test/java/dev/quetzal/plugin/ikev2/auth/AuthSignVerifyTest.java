package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sign/verify round trips of every AUTH method and key type (RFC 7296 §2.15, §3.8; RFC 4754 §3; RFC 7427 §3-4). */
final class AuthSignVerifyTest {
    private static final byte[] OCTETS = "IKE_SA_INIT | Nr | prf(SK_pi, IDi')".getBytes(StandardCharsets.US_ASCII);
    private static final List<SignatureHash> NO_NOTIFY = List.of();
    private static final AuthVerifier VERIFIER = new AuthVerifier(AuthPolicy.DEFAULT);

    static KeyPair rsa() {
        return TestPki.rsa3072("auth");
    }

    static KeyPair p256() {
        return TestPki.ec("secp256r1", "auth");
    }

    static KeyPair p384() {
        return TestPki.ec("secp384r1", "auth");
    }

    static KeyPair p521() {
        return TestPki.ec("secp521r1", "auth");
    }

    static Stream<Arguments> classicMethods() {
        return Stream.of(
                Arguments.of("RSA-3072", rsa(), AuthMethod.RSA_DIGITAL_SIGNATURE, -1),
                Arguments.of("P-256", p256(), AuthMethod.ECDSA_SHA256_P256, 64),
                Arguments.of("P-384", p384(), AuthMethod.ECDSA_SHA384_P384, 96),
                Arguments.of("P-521", p521(), AuthMethod.ECDSA_SHA512_P521, 132));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classicMethods")
    @DisplayName("RFC 7296 §3.8 / RFC 4754 §3: without the RFC 7427 notify the key's classic method is used")
    void classicRoundTrip(String name, KeyPair keys, AuthMethod expected, int rsLength) {
        AuthData auth = AuthSigner.of(keys.getPrivate()).sign(OCTETS, NO_NOTIFY);
        assertEquals(expected, auth.method());
        if (rsLength > 0) {
            // RFC 4754 §7: r and s as fixed-length octet strings, not a DER SEQUENCE.
            assertEquals(rsLength, auth.data().length);
        } else {
            assertEquals(384, auth.data().length);
        }
        assertInstanceOf(AuthVerification.Ok.class, VERIFIER.verify(auth, keys.getPublic(), OCTETS));
        assertBadSignature(VERIFIER.verify(auth, keys.getPublic(), tampered(OCTETS)));
        assertBadSignature(VERIFIER.verify(new AuthData(auth.method(), tampered(auth.data())), keys.getPublic(),
                OCTETS));
    }

    static Stream<Arguments> digitalSignatureSchemes() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (SignatureHash hash : List.of(SignatureHash.SHA2_256, SignatureHash.SHA2_384, SignatureHash.SHA2_512)) {
            out.add(Arguments.of("RSA-3072 PKCS#1 " + hash, rsa(), AuthSigner.RsaPadding.PKCS1_V1_5, hash,
                    SignatureScheme.pkcs1(hash)));
            out.add(Arguments.of("RSA-3072 PSS " + hash, rsa(), AuthSigner.RsaPadding.PSS, hash,
                    SignatureScheme.pss(hash)));
            out.add(Arguments.of("P-256 " + hash, p256(), AuthSigner.RsaPadding.PKCS1_V1_5, hash,
                    SignatureScheme.ecdsa(hash)));
            out.add(Arguments.of("P-384 " + hash, p384(), AuthSigner.RsaPadding.PKCS1_V1_5, hash,
                    SignatureScheme.ecdsa(hash)));
            out.add(Arguments.of("P-521 " + hash, p521(), AuthSigner.RsaPadding.PKCS1_V1_5, hash,
                    SignatureScheme.ecdsa(hash)));
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digitalSignatureSchemes")
    @DisplayName("RFC 7427 §3: method 14 round trip for every key type, padding and SHA-2 hash")
    void digitalSignatureRoundTrip(String name, KeyPair keys, AuthSigner.RsaPadding padding, SignatureHash hash,
            SignatureScheme scheme) {
        AuthData auth = new AuthSigner(keys.getPrivate(), padding).sign(OCTETS, List.of(hash));
        assertEquals(AuthMethod.DIGITAL_SIGNATURE, auth.method());
        var parts = assertInstanceOf(DigitalSignatureData.Parts.class, DigitalSignatureData.decode(auth.data()));
        assertArrayEquals(scheme.algorithmIdentifier(), parts.algorithmIdentifier());
        if (scheme.family() == SignatureScheme.Family.ECDSA) {
            // RFC 7427 §3: inside method 14 an ECDSA signature is the DER Ecdsa-Sig-Value SEQUENCE.
            assertEquals(0x30, parts.signature()[0] & 0xFF);
        }
        var ok = assertInstanceOf(AuthVerification.Ok.class, VERIFIER.verify(auth, keys.getPublic(), OCTETS));
        assertEquals(scheme.toString(), ok.algorithm());
        assertBadSignature(VERIFIER.verify(auth, keys.getPublic(), tampered(OCTETS)));
        byte[] data = auth.data();
        data[data.length - 1] ^= 0x01;
        assertBadSignature(VERIFIER.verify(new AuthData(auth.method(), data), keys.getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 7427 §4: the strongest hash both sides list is used; SHA-1 and unknown ids never chosen")
    void choosesStrongestCommonHash() {
        AuthSigner signer = AuthSigner.of(p256().getPrivate());
        assertEquals(SignatureScheme.ECDSA_SHA256, scheme(signer.sign(OCTETS,
                List.of(SignatureHash.SHA1, SignatureHash.SHA2_256))));
        assertEquals(SignatureScheme.ECDSA_SHA512, scheme(signer.sign(OCTETS, List.of(SignatureHash.SHA2_256,
                SignatureHash.SHA2_512, SignatureHash.SHA2_384))));
        assertEquals(SignatureScheme.ECDSA_SHA384, scheme(signer.sign(OCTETS,
                List.of(SignatureHash.of(0x1234), SignatureHash.IDENTITY, SignatureHash.SHA2_384))));
        // Only SHA-1 or nothing usable in common: back to the classic method for the key.
        assertEquals(AuthMethod.ECDSA_SHA256_P256, signer.sign(OCTETS, List.of(SignatureHash.SHA1)).method());
        assertEquals(AuthMethod.RSA_DIGITAL_SIGNATURE,
                AuthSigner.of(rsa().getPrivate()).sign(OCTETS, List.of(SignatureHash.IDENTITY)).method());
    }

    @Test
    @DisplayName("RFC 7296 §2.15: a signature over one ID does not verify over octets built from another ID")
    void wrongIdFails() {
        byte[] message = "first message".getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[32];
        byte[] skP = new byte[32];
        Arrays.fill(skP, (byte) 7);
        byte[] signed = AuthOctets.compute(message, nonce, AuthOctetsTest::hmacSha256, skP,
                Identification.rfc822("client1@vpn.test"));
        byte[] claimed = AuthOctets.compute(message, nonce, AuthOctetsTest::hmacSha256, skP,
                Identification.rfc822("client2@vpn.test"));
        AuthData auth = AuthSigner.of(p256().getPrivate()).sign(signed, List.of(SignatureHash.SHA2_256));
        assertInstanceOf(AuthVerification.Ok.class, VERIFIER.verify(auth, p256().getPublic(), signed));
        assertBadSignature(VERIFIER.verify(auth, p256().getPublic(), claimed));
    }

    @Test
    @DisplayName("RFC 7427 §3: another key of the same type fails as a bad signature")
    void otherKeyFails() {
        AuthData auth = AuthSigner.of(p256().getPrivate()).sign(OCTETS, NO_NOTIFY);
        assertBadSignature(VERIFIER.verify(auth, TestPki.ec("secp256r1", "other").getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 4754 §3 / RFC 7427 §3: a method that the peer's key cannot make is a key/method mismatch")
    void keyMethodMismatch() {
        AuthData p256Classic = AuthSigner.of(p256().getPrivate()).sign(OCTETS, NO_NOTIFY);
        assertFailure(AuthFailure.KEY_METHOD_MISMATCH, VERIFIER.verify(p256Classic, p384().getPublic(), OCTETS));
        assertFailure(AuthFailure.KEY_METHOD_MISMATCH, VERIFIER.verify(p256Classic, rsa().getPublic(), OCTETS));
        AuthData rsaClassic = AuthSigner.of(rsa().getPrivate()).sign(OCTETS, NO_NOTIFY);
        assertFailure(AuthFailure.KEY_METHOD_MISMATCH, VERIFIER.verify(rsaClassic, p256().getPublic(), OCTETS));
        AuthData ecdsa14 = AuthSigner.of(p256().getPrivate()).sign(OCTETS, List.of(SignatureHash.SHA2_256));
        assertFailure(AuthFailure.KEY_METHOD_MISMATCH, VERIFIER.verify(ecdsa14, rsa().getPublic(), OCTETS));
        AuthData rsa14 = AuthSigner.of(rsa().getPrivate()).sign(OCTETS, List.of(SignatureHash.SHA2_256));
        assertFailure(AuthFailure.KEY_METHOD_MISMATCH, VERIFIER.verify(rsa14, p256().getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 7427 §3: SHA-1 inside method 14 is refused unless the policy allows it")
    void sha1InMethod14IsRefusedByDefault() throws Exception {
        Signature sha1 = Signature.getInstance("SHA1withRSA");
        sha1.initSign(rsa().getPrivate());
        sha1.update(OCTETS);
        AuthData auth = new AuthData(AuthMethod.DIGITAL_SIGNATURE, DigitalSignatureData.encode(
                SignatureScheme.pkcs1(SignatureHash.SHA1).algorithmIdentifier(), sha1.sign()));
        assertFailure(AuthFailure.ALGORITHM_NOT_ALLOWED, VERIFIER.verify(auth, rsa().getPublic(), OCTETS));
        assertInstanceOf(AuthVerification.Ok.class,
                new AuthVerifier(new AuthPolicy(true)).verify(auth, rsa().getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 7427 A.2.2: a well-formed but unsupported algorithm (DSA) is not allowed")
    void unsupportedAlgorithmIsNotAllowed() {
        AuthData auth = new AuthData(AuthMethod.DIGITAL_SIGNATURE, DigitalSignatureData.encode(
                java.util.HexFormat.of().parseHex(AlgorithmIdentifiersTest.DSA_WITH_SHA256), new byte[46]));
        assertFailure(AuthFailure.ALGORITHM_NOT_ALLOWED, VERIFIER.verify(auth, rsa().getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 7296 §3.8: shared key, DSS and unassigned methods are unknown to this verifier")
    void unknownMethods() {
        for (int method : new int[] {0, 2, 3, 12, 13, 200}) {
            assertFailure(AuthFailure.UNKNOWN_METHOD,
                    VERIFIER.verify(AuthMethod.of(method), new byte[64], p256().getPublic(), OCTETS));
        }
    }

    @Test
    @DisplayName("RFC 4754 §7 / RFC 7427 §3: data of the wrong shape is malformed, never an exception")
    void malformedData() {
        assertFailure(AuthFailure.MALFORMED,
                VERIFIER.verify(AuthMethod.ECDSA_SHA256_P256, new byte[63], p256().getPublic(), OCTETS));
        assertFailure(AuthFailure.MALFORMED,
                VERIFIER.verify(AuthMethod.ECDSA_SHA384_P384, new byte[64], p384().getPublic(), OCTETS));
        assertFailure(AuthFailure.MALFORMED,
                VERIFIER.verify(AuthMethod.DIGITAL_SIGNATURE, new byte[0], p256().getPublic(), OCTETS));
        assertFailure(AuthFailure.MALFORMED,
                VERIFIER.verify(AuthMethod.DIGITAL_SIGNATURE, new byte[] {40, 1, 2}, p256().getPublic(), OCTETS));
        assertFailure(AuthFailure.MALFORMED, VERIFIER.verify(AuthMethod.DIGITAL_SIGNATURE,
                new byte[] {3, 0x30, 0x01, 0x05, 9, 9}, p256().getPublic(), OCTETS));
        // Every truncation of real method-14 data fails cleanly.
        byte[] real = AuthSigner.of(p256().getPrivate()).sign(OCTETS, List.of(SignatureHash.SHA2_256)).data();
        for (int length = 0; length < real.length; length++) {
            assertInstanceOf(AuthVerification.Failed.class, VERIFIER.verify(AuthMethod.DIGITAL_SIGNATURE,
                    Arrays.copyOf(real, length), p256().getPublic(), OCTETS), "prefix of " + length);
        }
        // A DER ECDSA signature where method 9 wants r|s: right length by chance or not, it never verifies.
        assertInstanceOf(AuthVerification.Failed.class,
                VERIFIER.verify(AuthMethod.ECDSA_SHA256_P256, Arrays.copyOf(real, 64), p256().getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 7427 §3: RSA PSS verifies against a key with the id-RSASSA-PSS algorithm too")
    void pssOnlyKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSASSA-PSS");
        generator.initialize(2048);
        KeyPair pss = generator.generateKeyPair();
        AuthData auth = new AuthSigner(pss.getPrivate(), AuthSigner.RsaPadding.PSS)
                .sign(OCTETS, List.of(SignatureHash.SHA2_256));
        assertEquals(SignatureScheme.RSA_PSS_SHA256, scheme(auth));
        assertInstanceOf(AuthVerification.Ok.class, VERIFIER.verify(auth, pss.getPublic(), OCTETS));
    }

    @Test
    @DisplayName("RFC 7296 §3.8: AUTH payload body is method, three reserved octets, data")
    void authPayloadBody() {
        AuthData auth = new AuthData(AuthMethod.ECDSA_SHA256_P256, new byte[] {9, 8});
        assertArrayEquals(new byte[] {9, 0, 0, 0, 9, 8}, auth.body());
        assertEquals(auth, AuthData.fromBody(new byte[] {9, 1, 2, 3, 9, 8}).orElseThrow());
        assertFalse(AuthData.fromBody(new byte[] {9, 0, 0}).isPresent());
        assertEquals("AuthData[ECDSA_SHA256_P256(9), 2 octets]", auth.toString());
        assertEquals("DIGITAL_SIGNATURE(14)", AuthMethod.DIGITAL_SIGNATURE.toString());
        assertEquals("AUTH_METHOD(201)", AuthMethod.of(201).toString());
    }

    @Test
    @DisplayName("RFC 7296 §3.8: keys that no AUTH method covers are refused up front; toString shows no key")
    void signerRefusesOtherKeys() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> AuthSigner.of(ed.getPrivate()));
        AuthSigner signer = AuthSigner.of(p256().getPrivate());
        assertEquals("AuthSigner[EC_P256, PKCS1_V1_5]", signer.toString());
        assertNotEquals(KeyType.OTHER, signer.keyType());
    }

    private static SignatureScheme scheme(AuthData auth) {
        var parts = (DigitalSignatureData.Parts) DigitalSignatureData.decode(auth.data());
        return ((AlgorithmIdentifiers.Known) AlgorithmIdentifiers.decode(parts.algorithmIdentifier())).scheme();
    }

    static byte[] tampered(byte[] in) {
        byte[] out = in.clone();
        out[out.length / 2] ^= 0x40;
        return out;
    }

    private static void assertBadSignature(AuthVerification result) {
        assertFailure(AuthFailure.BAD_SIGNATURE, result);
    }

    static void assertFailure(AuthFailure expected, AuthVerification result) {
        var failed = assertInstanceOf(AuthVerification.Failed.class, result);
        assertEquals(expected, failed.reason(), failed.detail());
        assertFalse(failed.detail().contains("\n"));
        assertFalse(failed.detail().contains("Exception"), failed.detail());
    }
}
