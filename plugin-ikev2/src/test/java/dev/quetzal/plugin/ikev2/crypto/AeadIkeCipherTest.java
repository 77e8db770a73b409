package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.crypto.Hex.bytes;
import static dev.quetzal.plugin.ikev2.crypto.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the AEAD SK payload: RFC 7634 Appendix B (a whole IKEv2 message), RFC 7634 Appendix A and
 * RFC 8439 §2.8.2 (ChaCha20-Poly1305 with salt | IV nonce), and the GCM specification's test cases 13-16 (McGrew and
 * Viega, 256-bit key) for AES-GCM. The 12-octet nonces of those vectors split into the 4-octet salt at the end of the
 * key material and the 8-octet IV in the payload (RFC 5282 §4, RFC 7634 §2).
 */
final class AeadIkeCipherTest {
    /** RFC 7634 Appendix B: IKE header (SPIs c0.., d0.., SK, v2.0, INFORMATIONAL, Message ID 9, 69 octets). */
    private static final String APPENDIX_B_HEADER = "c0c1c2c3c4c5c6c7d0d1d2d3d4d5d6d7" + "2e202500" + "00000009"
            + "00000045" + "29000029";
    private static final String APPENDIX_B_BODY = "1011121314151617" + "610394701f8d017f7c12924889"
            + "6b71bfe25236efd7cdc67066906315b2";
    /** A Notify payload (INITIAL_CONTACT type 16385 with 4 octets of data), the inner payload of Appendix B. */
    private static final String APPENDIX_B_PLAINTEXT = "0000000c000040010000000a";
    private static final String CHACHA_KEY = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";

    private static AeadIkeCipher chacha(String salt, long firstIv) {
        return new AeadIkeCipher(EncryptionAlgorithm.CHACHA20_POLY1305, bytes(CHACHA_KEY + salt), firstIv);
    }

    private static DecryptResult open(IkeCipher c, String aadHex, String bodyHex) {
        byte[] msg = bytes(aadHex + bodyHex);
        return c.decrypt(msg, 0, bytes(aadHex).length, msg.length);
    }

    private static byte[] ok(DecryptResult r) {
        return assertInstanceOf(DecryptResult.Ok.class, r).plaintext();
    }

    @Test
    @DisplayName("RFC 7634 Appendix B: decrypt the published IKEv2 INFORMATIONAL message")
    void rfc7634AppendixBDecrypt() {
        DecryptResult r = open(chacha("a0a1a2a3", 0), APPENDIX_B_HEADER, APPENDIX_B_BODY);
        assertEquals(APPENDIX_B_PLAINTEXT, hex(ok(r)));
    }

    @Test
    @DisplayName("RFC 7634 Appendix B: encrypting the same payload with the same IV gives the published octets")
    void rfc7634AppendixBEncrypt() {
        AeadIkeCipher c = chacha("a0a1a2a3", 0x1011121314151617L);
        byte[] header = bytes(APPENDIX_B_HEADER);
        byte[] plaintext = bytes(APPENDIX_B_PLAINTEXT);
        assertEquals(bytes(APPENDIX_B_BODY).length, c.bodyLength(plaintext.length));
        byte[] buf = Arrays.copyOf(header, header.length + c.bodyLength(plaintext.length));
        int end = c.encrypt(buf, 0, header.length, plaintext, 0, plaintext.length);
        assertEquals(0x45, end);
        assertEquals(APPENDIX_B_HEADER + APPENDIX_B_BODY, hex(buf));
    }

    @Test
    @DisplayName("RFC 7634 Appendix A: the ESP example opens with AAD = SPI | sequence number and nonce = salt | IV")
    void rfc7634AppendixAEspExample() {
        String ipPacket = "45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
                + "0007362708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
                + "2425262728292a2b2c2d2e2f3031323334353637";
        String body = "1011121314151617"
                + "24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
                + "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
                + "cbec163fac469b502773f6fb94e664da9165b82829f641e0"
                + "76aaa8266b7fb0f7b11b369907e1ad43";
        // The ESP trailer is pad (01 02), pad length 2, next header 4. Read as an SK payload, the last octet (4) is
        // taken as the pad length, so 5 octets are removed: what remains is the first 83 octets of the packet.
        byte[] plain = ok(open(chacha("a0a1a2a3", 0), "0102030400000005", body));
        assertEquals(ipPacket.substring(0, 83 * 2), hex(plain));
    }

    @Test
    @DisplayName("RFC 8439 §2.8.2: the AEAD example, nonce 07000000 | 4041424344454647, opens through the SK path")
    void rfc8439AeadExample() {
        String sunscreen = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
                + "future, sunscreen would be it.";
        String body = "4041424344454647"
                + "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691";
        // The last plaintext octet '.' (46) acts as pad length: 114 - 47 octets remain.
        byte[] plain = ok(open(chacha("07000000", 0), "50515253c0c1c2c3c4c5c6c7", body));
        assertEquals(sunscreen.substring(0, 67), new String(plain, StandardCharsets.US_ASCII));
    }

    private static final String GCM_KEY = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    private static final String GCM_CT_15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";

    private static AeadIkeCipher gcm(String key, String salt, long firstIv) {
        return new AeadIkeCipher(EncryptionAlgorithm.AES_GCM_16, bytes(key + salt), firstIv);
    }

    @Test
    @DisplayName("GCM spec test case 13: an empty plaintext has no Pad Length octet, so it is too short for IKE")
    void gcmTestCase13() {
        DecryptResult r = open(gcm("00".repeat(32), "00000000", 0), "", "0000000000000000"
                + "530f8afbc74536b9a963b4f1c4cb738b");
        assertEquals(DecryptResult.Reason.TOO_SHORT, assertInstanceOf(DecryptResult.Malformed.class, r).reason());
    }

    @Test
    @DisplayName("GCM spec test case 14: 15 zero octets + pad length 0 encrypt to the published block and tag")
    void gcmTestCase14() {
        AeadIkeCipher c = gcm("00".repeat(32), "00000000", 0);
        byte[] buf = new byte[c.bodyLength(15)];
        int end = c.encrypt(buf, 0, 0, new byte[15], 0, 15);
        assertEquals(buf.length, end);
        String body = "0000000000000000" + "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919";
        assertEquals(body, hex(buf));
        assertEquals(hex(new byte[15]), hex(ok(open(gcm("00".repeat(32), "00000000", 0), "", body))));
    }

    @Test
    @DisplayName("GCM spec test case 15: authentic, but pad length 0x55 exceeds the data: malformed padding")
    void gcmTestCase15() {
        DecryptResult r = open(gcm(GCM_KEY, "cafebabe", 0), "", "facedbaddecaf888" + GCM_CT_15
                + "b094dac5d93471bdec1a502270e3cc6c");
        assertEquals(DecryptResult.Reason.BAD_PAD_LENGTH,
                assertInstanceOf(DecryptResult.Malformed.class, r).reason());
    }

    private static final String TC16_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String TC16_BODY = "facedbaddecaf888" + GCM_CT_15.substring(0, 120)
            + "76fc6ece0f4e1768cddf8853bb2d551b";

    @Test
    @DisplayName("GCM spec test case 16: with AAD as the authenticated header, pad length 57 leaves 2 octets")
    void gcmTestCase16() {
        assertEquals("d931", hex(ok(open(gcm(GCM_KEY, "cafebabe", 0), TC16_AAD, TC16_BODY))));
    }

    @Test
    @DisplayName("RFC 5282 §5.1: any change to header (AAD), IV, ciphertext or tag is an integrity failure")
    void gcmTamperingIsDetected() {
        byte[] msg = bytes(TC16_AAD + TC16_BODY);
        int bodyOffset = 20;
        for (int i = 0; i < msg.length; i++) {
            byte[] m = msg.clone();
            m[i] ^= 0x01;
            DecryptResult r = gcm(GCM_KEY, "cafebabe", 0).decrypt(m, 0, bodyOffset, m.length);
            assertInstanceOf(DecryptResult.IntegrityFailure.class, r, "octet " + i);
        }
        // A different salt (wrong key material) fails the same way.
        assertInstanceOf(DecryptResult.IntegrityFailure.class,
                gcm(GCM_KEY, "cafebabf", 0).decrypt(msg, 0, bodyOffset, msg.length));
    }

    @Test
    @DisplayName("RFC 5282 §3.1: the IV is a counter, so two messages never share a nonce")
    void ivCountsUp() {
        AeadIkeCipher c = gcm(GCM_KEY, "cafebabe", 41);
        byte[] a = new byte[c.bodyLength(3)];
        byte[] b = new byte[c.bodyLength(3)];
        c.encrypt(a, 0, 0, new byte[3], 0, 3);
        c.encrypt(b, 0, 0, new byte[3], 0, 3);
        assertEquals("0000000000000029", hex(Arrays.copyOf(a, 8)));
        assertEquals("000000000000002a", hex(Arrays.copyOf(b, 8)));
    }

    @Test
    @DisplayName("RFC 7296 §3.14: a body shorter than IV + pad length + ICV is malformed, not an exception")
    void truncatedBodiesAreMalformed() {
        byte[] msg = bytes(TC16_AAD + TC16_BODY);
        for (int cut = 20; cut < 20 + 8 + 1 + 16; cut++) {
            DecryptResult r = gcm(GCM_KEY, "cafebabe", 0).decrypt(msg, 0, 20, cut);
            assertEquals(DecryptResult.Reason.TOO_SHORT,
                    assertInstanceOf(DecryptResult.Malformed.class, r).reason(), "end " + cut);
        }
    }
}
