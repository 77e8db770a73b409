package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.crypto.Hex.bytes;
import static dev.quetzal.plugin.ikev2.crypto.Hex.hex;
import static dev.quetzal.plugin.ikev2.crypto.Hex.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AES-CBC + HMAC-SHA2 SK payloads (RFC 7296 §3.14): RFC 3602 §4 ciphertexts opened through the SK path, and our
 * output checked against an independent computation with plain javax.crypto.
 */
final class CbcHmacIkeCipherTest {
    /** Stands in for IKE header + SK header: the octets the ICV covers before the IV. */
    private static final byte[] HEADER = bytes("0011223344556677" + "8899aabbccddeeff" + "2e202408" + "00000002"
            + "00000060" + "21000044");
    private static final byte[] INTEG_KEY = repeat(0x5a, 32);

    private static byte[] hmac(String name, byte[] key, byte[] data, int length) throws Exception {
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(key, name));
        return Arrays.copyOf(mac.doFinal(data), length);
    }

    /** header | iv | ct | HMAC-SHA-256-128(header | iv | ct), built without the code under test. */
    private static byte[] message(String iv, String ct) throws Exception {
        byte[] covered = PrfTest.concat(HEADER, bytes(iv), bytes(ct));
        return PrfTest.concat(covered, hmac("HmacSHA256", INTEG_KEY, covered, 16));
    }

    private static CbcHmacIkeCipher cipher(String key) {
        return new CbcHmacIkeCipher(bytes(key), IntegrityAlgorithm.HMAC_SHA2_256_128, INTEG_KEY,
                new SecureRandom());
    }

    private static DecryptResult open(CbcHmacIkeCipher c, byte[] msg) {
        return c.decrypt(msg, 0, HEADER.length, msg.length);
    }

    @Test
    @DisplayName("RFC 3602 §4 case #3: 48 octets; the last, ')' = 41, is the pad length, leaving \"This i\"")
    void rfc3602Case3() throws Exception {
        byte[] msg = message("c782dc4c098c66cbd9cd27d825682c81",
                "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d83ba2684");
        DecryptResult r = open(cipher("6c3ea0477630ce21a2ce334aa746c2cd"), msg);
        assertEquals("This i", new String(assertInstanceOf(DecryptResult.Ok.class, r).plaintext(),
                StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("RFC 3602 §4 case #2: 00..1f; pad length 31 consumes everything: no inner payloads")
    void rfc3602Case2() throws Exception {
        byte[] msg = message("562e17996d093d28ddb3ba695a2e6f58",
                "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");
        DecryptResult r = open(cipher("c286696d887c9aa0611bbb3e2025a45a"), msg);
        assertEquals(0, assertInstanceOf(DecryptResult.Ok.class, r).plaintext().length);
    }

    @Test
    @DisplayName("RFC 3602 §4 case #1: \"Single block msg\" ends in 'g' = 103 > 15: authentic but malformed padding")
    void rfc3602Case1() throws Exception {
        byte[] msg = message("3dafba429d9eb430b422da802c9fac41", "e353779c1079aeb82708942dbe77181a");
        DecryptResult r = open(cipher("06a9214036b8a15b512e03d534120006"), msg);
        assertEquals(DecryptResult.Reason.BAD_PAD_LENGTH,
                assertInstanceOf(DecryptResult.Malformed.class, r).reason());
    }

    @Test
    @DisplayName("RFC 7296 §3.14 and RFC 4868: encrypt = random IV, zero padding + pad length, CBC, truncated HMAC")
    void encryptMatchesIndependentComputation() throws Exception {
        byte[] iv = bytes("c782dc4c098c66cbd9cd27d825682c81");
        SecureRandom fixedIv = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(iv, 0, bytes, 0, bytes.length);
            }
        };
        byte[] aesKey = repeat(0x17, 32);
        byte[] integKey = repeat(0x29, 48);
        var c = new CbcHmacIkeCipher(aesKey, IntegrityAlgorithm.HMAC_SHA2_384_192, integKey, fixedIv);
        byte[] plaintext = "twenty octets here!!".getBytes(StandardCharsets.US_ASCII);

        byte[] padded = Arrays.copyOf(plaintext, 32);
        padded[31] = 11; // 20 + 11 zero octets + pad length octet = 32
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
        byte[] covered = PrfTest.concat(HEADER, iv, aes.doFinal(padded));
        byte[] expected = PrfTest.concat(covered, hmac("HmacSHA384", integKey, covered, 24));

        byte[] buf = Arrays.copyOf(HEADER, HEADER.length + c.bodyLength(plaintext.length));
        int end = c.encrypt(buf, 0, HEADER.length, plaintext, 0, plaintext.length);
        assertEquals(expected.length, end);
        assertEquals(hex(expected), hex(buf));
        DecryptResult back = c.decrypt(buf, 0, HEADER.length, end);
        assertArrayEquals(plaintext, assertInstanceOf(DecryptResult.Ok.class, back).plaintext());
    }

    @Test
    @DisplayName("RFC 7296 §3.14: the ICV covers header, IV and ciphertext; any flipped octet fails integrity")
    void tamperingIsDetectedBeforeDecryption() throws Exception {
        byte[] msg = message("c782dc4c098c66cbd9cd27d825682c81",
                "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d83ba2684");
        for (int i = 0; i < msg.length; i++) {
            byte[] m = msg.clone();
            m[i] ^= (byte) 0x80;
            assertInstanceOf(DecryptResult.IntegrityFailure.class,
                    open(cipher("6c3ea0477630ce21a2ce334aa746c2cd"), m), "octet " + i);
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.14: short and unaligned bodies are malformed, checked before the ICV")
    void shortAndUnalignedBodies() throws Exception {
        byte[] msg = message("3dafba429d9eb430b422da802c9fac41", "e353779c1079aeb82708942dbe77181a");
        var c = cipher("06a9214036b8a15b512e03d534120006");
        int bodyOffset = HEADER.length;
        assertEquals(DecryptResult.Reason.TOO_SHORT, assertInstanceOf(DecryptResult.Malformed.class,
                c.decrypt(msg, 0, bodyOffset, bodyOffset + 16 + 15 + 16)).reason());
        assertEquals(DecryptResult.Reason.TOO_SHORT, assertInstanceOf(DecryptResult.Malformed.class,
                c.decrypt(msg, 0, bodyOffset, bodyOffset)).reason());
        byte[] longer = Arrays.copyOf(msg, msg.length + 5);
        assertEquals(DecryptResult.Reason.NOT_BLOCK_ALIGNED, assertInstanceOf(DecryptResult.Malformed.class,
                c.decrypt(longer, 0, bodyOffset, longer.length)).reason());
    }
}
