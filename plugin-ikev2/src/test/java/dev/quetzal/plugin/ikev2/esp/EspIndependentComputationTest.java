package dev.quetzal.plugin.ikev2.esp;

import static dev.quetzal.plugin.ikev2.esp.EspFixtures.SPI_B;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv4;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.keys;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.seal;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.sender;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4106 publishes no vectors, so AES-GCM ESP packets are checked against the RFC's construction computed
 * here with plain javax.crypto: nonce = salt | IV (§4), IV = sequence number, AAD = SPI | seq or SPI | high
 * | low with ESN (§5), trailer per RFC 4303 §2.4. AES-CBC + HMAC (RFC 3602 §3, RFC 4868 §2, RFC 4303
 * §2.2.1 for the ESN high bits) is checked the same way with javax.crypto.Mac.
 */
final class EspIndependentComputationTest {
    private static final int SEQUENCE_START = 0x1234_5678;

    @ParameterizedTest(name = "AES-GCM-16-{0}, ESN off and on")
    @ValueSource(ints = {128, 256})
    void aesGcmMatchesRfc4106Construction(int keyBits) throws Exception {
        for (boolean esn : new boolean[] {false, true}) {
            EspTransform suite = EspTransform.aesGcm16(keyBits);
            EspSa sa = sender(suite, esn);
            long seq = esn ? (3L << 32) + SEQUENCE_START : SEQUENCE_START;
            sa.skipOutboundSequenceTo(seq - 1);
            byte[] inner = ipv4(101, 7);
            byte[] esp = seal(sa, inner);

            byte[] keyAndSalt = keys(suite, 1).encryptionKey();
            byte[] nonce = ByteBuffer.allocate(12).put(keyAndSalt, keyAndSalt.length - 4, 4).putLong(seq).array();
            ByteBuffer aad = ByteBuffer.allocate(esn ? 12 : 8).putInt(SPI_B);
            if (esn) {
                aad.putInt((int) (seq >>> 32));
            }
            aad.putInt((int) seq);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndSalt, 0, keyBits / 8, "AES"),
                    new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad.array());
            // 101 + 2 = 103 -> 104: one pad byte (1), pad length 1, next header 4.
            byte[] text = ByteBuffer.allocate(104).put(inner).put((byte) 1).put((byte) 1).put((byte) 4).array();
            byte[] sealed = gcm.doFinal(text);
            byte[] expected = ByteBuffer.allocate(16 + sealed.length).putInt(SPI_B).putInt((int) seq).putLong(seq)
                    .put(sealed).array();

            assertArrayEquals(expected, esp, "esn=" + esn);
        }
    }

    @ParameterizedTest(name = "AES-CBC with {0}, ESN off and on")
    @ValueSource(strings = {"AUTH_HMAC_SHA2_256_128", "AUTH_HMAC_SHA2_384_192", "AUTH_HMAC_SHA2_512_256"})
    void aesCbcHmacMatchesRfc3602AndRfc4868(String integrityName) throws Exception {
        EspIntegrity integrity = EspIntegrity.valueOf(integrityName);
        String macName = "Hmac" + integrity.digest().replace("-", "");
        for (boolean esn : new boolean[] {false, true}) {
            EspTransform suite = EspTransform.aesCbc(256, integrity);
            EspSa sa = sender(suite, esn);
            long seq = esn ? (7L << 32) + SEQUENCE_START : SEQUENCE_START;
            sa.skipOutboundSequenceTo(seq - 1);
            byte[] inner = ipv4(100, 9);
            byte[] esp = seal(sa, inner);
            int icv = integrity.icvLength();
            // 100 + 2 -> 112 (16-byte blocks): 10 pad bytes.
            assertEquals(8 + 16 + 112 + icv, esp.length);
            assertEquals(SPI_B, ByteBuffer.wrap(esp).getInt(0));
            assertEquals((int) seq, ByteBuffer.wrap(esp).getInt(4));

            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(keys(suite, 1).integrityKey(), macName));
            mac.update(esp, 0, esp.length - icv);
            if (esn) {
                mac.update(ByteBuffer.allocate(4).putInt((int) (seq >>> 32)).array());
            }
            byte[] fullMac = mac.doFinal();
            assertArrayEquals(Arrays.copyOf(fullMac, icv), Arrays.copyOfRange(esp, esp.length - icv, esp.length));

            Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
            cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys(suite, 1).encryptionKey(), "AES"),
                    new IvParameterSpec(esp, 8, 16));
            byte[] text = cbc.doFinal(esp, 24, 112);
            assertArrayEquals(inner, Arrays.copyOf(text, 100));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 4}, Arrays.copyOfRange(text, 100, 112));
        }
    }
}
