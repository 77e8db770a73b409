package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.crypto.Hex.bytes;
import static dev.quetzal.plugin.ikev2.crypto.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Key exchange: RFC 5903 §8 (ECP), RFC 7748 §6.1 (X25519), RFC 3526 §3 (MODP) and peer-value validation. */
final class DiffieHellmanTest {
    /** One RFC 5903 §8 test vector: private i and r, public g^i and g^r as x|y, shared x coordinate. */
    private record EcpVector(DhGroup group, String i, String gi, String r, String gr, String girx) {
    }

    // RFC 5903 §8.1 (256-bit random ECP group)
    private static final EcpVector ECP_256 = new EcpVector(DhGroup.ECP_256,
            "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
            "dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
                    + "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
            "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
            "d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
                    + "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
            "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de");
    // RFC 5903 §8.2 (384-bit random ECP group)
    private static final EcpVector ECP_384 = new EcpVector(DhGroup.ECP_384,
            "099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655e35b538041e649ee3faef896783ab194",
            "667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6de3ac808acb4bdb4c88732aee95f41aa"
                    + "9482ed1fc0eeb9cafc4984625ccfc23f65032149e0e144ada024181535a0f38eeb9fcff3c2c947dae69b4c634573a81c",
            "41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942e0308312916b8ed2960e4bd55a7448fc",
            "e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d0d1ac43a0336def96fda41d0774a3571"
                    + "dcfbec7aacf3196472169e838430367f66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c",
            "11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4d603135569b9e9d09cf5d4a270f59746");
    // RFC 5903 §8.3 (521-bit random ECP group)
    private static final EcpVector ECP_521 = new EcpVector(DhGroup.ECP_521,
            "0037ade9319a89f4dabdb3ef411aaccca5123c61acab57b5393dce47608172a095aa85a30fe1c2952c6771d937ba9777f595"
                    + "7b2639bab072462f68c27a57382d4a52",
            "0015417e84dbf28c0ad3c278713349dc7df153c897a1891bd98bab4357c9ecbee1e3bf42e00b8e380aeae57c2d1075649418"
                    + "85942af5a7f4601723c4195d176ced3e"
                    + "017cae20b6641d2eeb695786d8c946146239d099e18e1d5a514c739d7cb4a10ad8a788015ac405d7799dc75e7b7d5b6c"
                    + "f2261a6a7f1507438bf01beb6ca3926f9582",
            "0145ba99a847af43793fdd0e872e7cdfa16be30fdc780f97bccc3f078380201e9c677d600b343757a3bdbf2a3163e4c2f869"
                    + "cca7458aa4a4effc311f5cb151685eb9",
            "00d0b3975ac4b799f5bea16d5e13e9af971d5e9b984c9f39728b5e5739735a219b97c356436adc6e95bb0352f6be64a6c291"
                    + "2d4ef2d0433ced2b6171640012d9460f"
                    + "015c68226383956e3bd066e797b623c27ce0eac2f551a10c2c724d9852077b87220b6536c5c408a1d2aebb8e86d678ae"
                    + "49cb57091f4732296579ab44fcd17f0fc56a",
            "01144c7d79ae6956bc8edb8e7c787c4521cb086fa64407f97894e5e6b2d79b04d1427e73ca4baa240a34786859810c06b3c7"
                    + "15a3a8cc3151f2bee417996d19f3ddea");

    private static EcpDiffieHellman ecp(DhGroup group, String privateHex, String publicHex) throws Exception {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(EcpDiffieHellman.curveName(group)));
        ECParameterSpec params = ap.getParameterSpec(ECParameterSpec.class);
        byte[] pub = bytes(publicHex);
        int half = pub.length / 2;
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOf(pub, half)),
                new BigInteger(1, Arrays.copyOfRange(pub, half, pub.length)));
        KeyFactory kf = KeyFactory.getInstance("EC");
        KeyPair kp = new KeyPair(kf.generatePublic(new ECPublicKeySpec(w, params)),
                kf.generatePrivate(new ECPrivateKeySpec(new BigInteger(privateHex, 16), params)));
        return EcpDiffieHellman.fromKeyPair(group, kp);
    }

    private static byte[] agreed(DhResult r) {
        return assertInstanceOf(DhResult.Agreed.class, r).sharedSecret();
    }

    private static DhResult.Reason refused(DhResult r) {
        DhResult.Invalid invalid = assertInstanceOf(DhResult.Invalid.class, r);
        assertEquals(DhResult.INVALID_SYNTAX, invalid.notifyType());
        return invalid.reason();
    }

    private static void checkEcpVector(EcpVector v) throws Exception {
        // The published public values really are i*G and r*G (checked with Bouncy Castle, not SunEC).
        var spec = ECNamedCurveTable.getParameterSpec(EcpDiffieHellman.curveName(v.group()));
        int half = v.group().publicValueLength() / 2;
        var gi = spec.getG().multiply(new BigInteger(v.i(), 16)).normalize();
        assertEquals(v.gi(), hex(Octets.fixedLength(gi.getAffineXCoord().toBigInteger(), half))
                + hex(Octets.fixedLength(gi.getAffineYCoord().toBigInteger(), half)));

        EcpDiffieHellman initiator = ecp(v.group(), v.i(), v.gi());
        EcpDiffieHellman responder = ecp(v.group(), v.r(), v.gr());
        assertEquals(v.gi(), hex(initiator.publicValue()));
        assertEquals(v.gr(), hex(responder.publicValue()));
        assertEquals(v.girx(), hex(agreed(initiator.agree(bytes(v.gr())))));
        assertEquals(v.girx(), hex(agreed(responder.agree(bytes(v.gi())))));
    }

    @Test
    @DisplayName("RFC 5903 §8.1: ECP_256 (group 19) known answer, x|y wire format, x-only shared secret")
    void rfc5903Ecp256() throws Exception {
        checkEcpVector(ECP_256);
    }

    @Test
    @DisplayName("RFC 5903 §8.2: ECP_384 (group 20) known answer")
    void rfc5903Ecp384() throws Exception {
        checkEcpVector(ECP_384);
    }

    @Test
    @DisplayName("RFC 5903 §8.3: ECP_521 (group 21) known answer, 66-octet coordinates")
    void rfc5903Ecp521() throws Exception {
        checkEcpVector(ECP_521);
    }

    private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    /** A SecureRandom that hands out one fixed string, so XDH key generation takes a known scalar. */
    private static SecureRandom fixed(byte[] value) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(value, 0, bytes, 0, bytes.length);
            }
        };
    }

    @Test
    @DisplayName("RFC 7748 §6.1: X25519 (group 31, RFC 8031) public values and shared secret, both sides")
    void rfc7748X25519() {
        X25519DiffieHellman alice = X25519DiffieHellman.generate(fixed(bytes(ALICE_PRIVATE)));
        X25519DiffieHellman bob = X25519DiffieHellman.generate(fixed(bytes(BOB_PRIVATE)));
        assertEquals(ALICE_PUBLIC, hex(alice.publicValue()));
        assertEquals(BOB_PUBLIC, hex(bob.publicValue()));
        assertEquals(SHARED, hex(agreed(alice.agree(bytes(BOB_PUBLIC)))));
        assertEquals(SHARED, hex(agreed(bob.agree(bytes(ALICE_PUBLIC)))));
    }

    @Test
    @DisplayName("RFC 7748 §6.1: a key pair built from the published private and public values agrees the same")
    void rfc7748X25519FromKeySpecs() throws Exception {
        byte[] le = bytes(ALICE_PUBLIC);
        byte[] be = new byte[32];
        for (int k = 0; k < 32; k++) {
            be[k] = le[31 - k];
        }
        KeyFactory kf = KeyFactory.getInstance("XDH");
        KeyPair kp = new KeyPair(
                kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be))),
                kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, bytes(ALICE_PRIVATE))));
        X25519DiffieHellman alice = X25519DiffieHellman.fromKeyPair(kp);
        assertEquals(ALICE_PUBLIC, hex(alice.publicValue()));
        assertEquals(SHARED, hex(agreed(alice.agree(bytes(BOB_PUBLIC)))));
    }

    @Test
    @DisplayName("RFC 3526 §3: the MODP_2048 prime matches Bouncy Castle's copy of the RFC")
    void modpPrimeIsRfc3526() {
        assertEquals(DHStandardGroups.rfc3526_2048.getP(), ModpDiffieHellman.P);
        assertEquals(DHStandardGroups.rfc3526_2048.getG(), ModpDiffieHellman.G);
    }

    @ParameterizedTest(name = "group {0}")
    @ValueSource(ints = {14, 19, 20, 21, 31})
    @DisplayName("RFC 7296 §2.14 / §3.4: two fresh parties agree; values have the group's exact lengths")
    void freshPartiesAgree(int id) {
        DhGroup group = DhGroup.valueOf(id);
        SecureRandom random = new SecureRandom();
        DiffieHellman a = DiffieHellman.generate(group, random);
        DiffieHellman b = DiffieHellman.generate(group, random);
        assertEquals(group, a.group());
        assertEquals(group.publicValueLength(), a.publicValue().length);
        byte[] ab = agreed(a.agree(b.publicValue()));
        assertEquals(group.sharedSecretLength(), ab.length);
        assertArrayEquals(ab, agreed(b.agree(a.publicValue())));
        assertFalse(a.toString().contains(hex(ab)));
        assertFalse(new DhResult.Agreed(ab).toString().contains(hex(ab).substring(0, 8)));
    }

    @ParameterizedTest(name = "group {0}")
    @ValueSource(ints = {14, 19, 20, 21, 31})
    @DisplayName("RFC 7296 §3.4: KE data of the wrong length is a typed error, not an exception")
    void wrongLengthIsRefused(int id) {
        DhGroup group = DhGroup.valueOf(id);
        DiffieHellman dh = DiffieHellman.generate(group, new SecureRandom());
        byte[] good = DiffieHellman.generate(group, new SecureRandom()).publicValue();
        assertEquals(DhResult.Reason.WRONG_LENGTH, refused(dh.agree(new byte[0])));
        assertEquals(DhResult.Reason.WRONG_LENGTH, refused(dh.agree(Arrays.copyOf(good, good.length - 1))));
        assertEquals(DhResult.Reason.WRONG_LENGTH, refused(dh.agree(Arrays.copyOf(good, good.length + 1))));
        // SEC1 uncompressed form (0x04 | x | y) is not the IKE encoding (RFC 5903 §7).
        byte[] sec1 = new byte[good.length + 1];
        sec1[0] = 4;
        System.arraycopy(good, 0, sec1, 1, good.length);
        assertEquals(DhResult.Reason.WRONG_LENGTH, refused(dh.agree(sec1)));
    }

    @ParameterizedTest(name = "group {0}")
    @ValueSource(ints = {19, 20, 21})
    @DisplayName("RFC 5903 §7: points off the curve, coordinates >= p and the identity are refused")
    void invalidEcpPointsAreRefused(int id) {
        DhGroup group = DhGroup.valueOf(id);
        DiffieHellman dh = DiffieHellman.generate(group, new SecureRandom());
        byte[] good = DiffieHellman.generate(group, new SecureRandom()).publicValue();
        int half = good.length / 2;

        byte[] offCurve = good.clone();
        offCurve[good.length - 1] ^= 1;
        assertEquals(DhResult.Reason.NOT_ON_CURVE, refused(dh.agree(offCurve)));

        assertEquals(DhResult.Reason.DEGENERATE, refused(dh.agree(new byte[good.length])));

        byte[] allOnes = new byte[good.length];
        Arrays.fill(allOnes, (byte) 0xFF);
        assertEquals(DhResult.Reason.OUT_OF_RANGE, refused(dh.agree(allOnes)));

        // x + p has the same residue as x: a lenient decoder would accept it.
        var spec = ECNamedCurveTable.getParameterSpec(EcpDiffieHellman.curveName(group));
        BigInteger p = spec.getCurve().getField().getCharacteristic();
        BigInteger x = new BigInteger(1, Arrays.copyOf(good, half));
        byte[] shifted = good.clone();
        byte[] xPlusP = x.add(p).toByteArray();
        if (xPlusP.length - (xPlusP[0] == 0 ? 1 : 0) <= half) {
            System.arraycopy(Octets.fixedLength(x.add(p), half), 0, shifted, 0, half);
            assertEquals(DhResult.Reason.OUT_OF_RANGE, refused(dh.agree(shifted)));
        }
    }

    @Test
    @DisplayName("RFC 8031 §2 / RFC 7748 §6.1: small-order X25519 values that give an all-zero secret are refused")
    void x25519SmallOrderIsRefused() {
        DiffieHellman dh = DiffieHellman.generate(DhGroup.CURVE25519, new SecureRandom());
        assertEquals(DhResult.Reason.DEGENERATE, refused(dh.agree(new byte[32])));
        byte[] one = new byte[32];
        one[0] = 1;
        assertEquals(DhResult.Reason.DEGENERATE, refused(dh.agree(one)));
        // A point of order 8 (from the list of Curve25519 small-order points).
        assertEquals(DhResult.Reason.DEGENERATE, refused(dh.agree(
                bytes("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))));
    }

    @Test
    @DisplayName("RFC 7748 §5: the top bit of the last octet is masked, not refused")
    void x25519MasksTheTopBit() {
        X25519DiffieHellman alice = X25519DiffieHellman.generate(fixed(bytes(ALICE_PRIVATE)));
        byte[] bob = bytes(BOB_PUBLIC);
        bob[31] |= (byte) 0x80;
        assertEquals(SHARED, hex(agreed(alice.agree(bob))));
    }

    @Test
    @DisplayName("RFC 3526 §3 / RFC 7296 §3.4: MODP values outside (1, p-1) are refused")
    void modpOutOfRangeIsRefused() {
        DiffieHellman dh = DiffieHellman.generate(DhGroup.MODP_2048, new SecureRandom());
        BigInteger p = ModpDiffieHellman.P;
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                BigInteger.TWO.pow(2048).subtract(BigInteger.ONE)}) {
            assertEquals(DhResult.Reason.OUT_OF_RANGE, refused(dh.agree(Octets.fixedLength(y, 256))),
                    y.toString(16));
        }
        assertInstanceOf(DhResult.Agreed.class, dh.agree(Octets.fixedLength(BigInteger.TWO, 256)));
    }

    @Test
    @DisplayName("RFC 7296 §3.4: MODP public values are left-padded to the 256-octet modulus")
    void fixedLengthPadsAndStripsTheSignOctet() {
        assertEquals("000001", hex(Octets.fixedLength(BigInteger.ONE, 3)));
        assertEquals("ff", hex(Octets.fixedLength(BigInteger.valueOf(255), 1)));
    }

    @Test
    @DisplayName("IANA IKEv2 transform type 4: unknown groups are values; generating one is a programming error")
    void unknownGroupCannotBeGenerated() {
        DhGroup group = DhGroup.valueOf(1234);
        assertEquals("DH_1234", group.toString());
        assertFalse(group.isSupported());
        assertThrows(IllegalArgumentException.class, () -> DiffieHellman.generate(group, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> DiffieHellman.generate(DhGroup.NONE, new SecureRandom()));
    }
}
