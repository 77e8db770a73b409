package dev.quetzal.plugin.ikev2.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported IKE suite end to end: keys from the key schedule (RFC 7296 §2.14), SK payloads (§3.14) sent by one
 * role and opened by the other, behind a 4-octet non-ESP marker (RFC 3948 §2.2) so offsets are exercised.
 */
final class IkeCipherRoundTripTest {
    private static final int MARKER = 4;
    private static final int HEADER = 28 + 4; // IKE header + SK payload header

    private static byte[] seal(IkeCipher c, byte[] plaintext) {
        byte[] buf = new byte[MARKER + HEADER + c.bodyLength(plaintext.length)];
        for (int i = MARKER; i < MARKER + HEADER; i++) {
            buf[i] = (byte) (i * 7);
        }
        int end = c.encrypt(buf, MARKER, MARKER + HEADER, plaintext, 0, plaintext.length);
        assertEquals(buf.length, end);
        return buf;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.testing.IkeSuites#everyCipherShape")
    @DisplayName("RFC 7296 §2.14 / §3.14: initiator and responder open each other's SK payloads, any length")
    void bothDirections(IkeSuite suite) {
        SecureRandom random = new SecureRandom();
        DiffieHellman i = DiffieHellman.generate(suite.group(), random);
        DiffieHellman r = DiffieHellman.generate(suite.group(), random);
        byte[] ni = new byte[32];
        byte[] nr = new byte[32];
        random.nextBytes(ni);
        random.nextBytes(nr);
        byte[] girI = assertInstanceOf(DhResult.Agreed.class, i.agree(r.publicValue())).sharedSecret();
        byte[] girR = assertInstanceOf(DhResult.Agreed.class, r.agree(i.publicValue())).sharedSecret();
        IkeSaKeys initiatorKeys = KeySchedule.initialIkeSaKeys(suite, ni, nr, girI, 11, 22);
        IkeSaKeys responderKeys = KeySchedule.initialIkeSaKeys(suite, ni, nr, girR, 11, 22);
        assertEquals(initiatorKeys, responderKeys);

        IkeCipher initiatorOut = IkeCipher.create(suite, initiatorKeys.outbound(true), random);
        IkeCipher initiatorIn = IkeCipher.create(suite, initiatorKeys.inbound(true), random);
        IkeCipher responderOut = IkeCipher.create(suite, responderKeys.outbound(false), random);
        IkeCipher responderIn = IkeCipher.create(suite, responderKeys.inbound(false), random);

        for (int length = 0; length <= 40; length++) {
            byte[] plaintext = new byte[length];
            random.nextBytes(plaintext);
            byte[] toResponder = seal(initiatorOut, plaintext);
            DecryptResult opened = responderIn.decrypt(toResponder, MARKER, MARKER + HEADER, toResponder.length);
            assertArrayEquals(plaintext, assertInstanceOf(DecryptResult.Ok.class, opened).plaintext());
            byte[] toInitiator = seal(responderOut, plaintext);
            opened = initiatorIn.decrypt(toInitiator, MARKER, MARKER + HEADER, toInitiator.length);
            assertArrayEquals(plaintext, assertInstanceOf(DecryptResult.Ok.class, opened).plaintext());
            // A message is bound to its direction: our own keys do not open it.
            assertInstanceOf(DecryptResult.IntegrityFailure.class,
                    initiatorIn.decrypt(toResponder, MARKER, MARKER + HEADER, toResponder.length));
        }
        assertFalse(initiatorOut.toString().contains(Hex.hex(initiatorKeys.skEi()).substring(0, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.testing.IkeSuites#everyCipherShape")
    @DisplayName("RFC 7296 §3.14: the marker octets before the IKE header are not authenticated; the header is")
    void headerIsAuthenticatedMarkerIsNot(IkeSuite suite) {
        SecureRandom random = new SecureRandom();
        byte[] material = new byte[suite.encryptionKeyMaterialLength()];
        byte[] integ = new byte[suite.integrity().keyLength()];
        random.nextBytes(material);
        random.nextBytes(integ);
        DirectionKeys keys = new DirectionKeys(material, integ);
        IkeCipher out = IkeCipher.create(suite, keys, random);
        IkeCipher in = IkeCipher.create(suite, keys, random);
        byte[] sealed = seal(out, new byte[] {1, 2, 3});
        byte[] markerChanged = sealed.clone();
        markerChanged[0] ^= 1;
        assertInstanceOf(DecryptResult.Ok.class, in.decrypt(markerChanged, MARKER, MARKER + HEADER, sealed.length));
        byte[] headerChanged = Arrays.copyOf(sealed, sealed.length);
        headerChanged[MARKER + 17] ^= 1;
        assertInstanceOf(DecryptResult.IntegrityFailure.class,
                in.decrypt(headerChanged, MARKER, MARKER + HEADER, sealed.length));
    }
}
