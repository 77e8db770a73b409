package dev.quetzal.plugin.ikev2.esp;

import static dev.quetzal.plugin.ikev2.esp.EspFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.api.packet.PacketBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7634 Appendix A: the ESP example with ChaCha20-Poly1305, byte for byte in both directions. */
final class EspChaCha20Poly1305VectorTest {
    private static final byte[] KEY_AND_SALT = hex("""
            808182838485868788898a8b8c8d8e8f 909192939495969798999a9b9c9d9e9f a0a1a2a3""");
    private static final int SPI = 0x0102_0304;
    private static final long SEQUENCE = 5;
    private static final long IV = 0x1011_1213_1415_1617L;
    /** The inner packet: an ICMP echo request, 84 bytes. */
    private static final byte[] INNER = hex("""
            45000054a6f200004001e778c6336405 c000020508005b7a3a080000553bec10
            0007362708090a0b0c0d0e0f10111213 1415161718191a1b1c1d1e1f20212223
            2425262728292a2b2c2d2e2f30313233 34353637""");
    /** Inner packet, padding 01 02, pad length 2, next header 4. */
    private static final byte[] TRAILER = hex("01020204");
    private static final byte[] CIPHERTEXT = hex("""
            24039428b97f417e3c13753a4f05087b 67c352e6a7fab1b982d466ef407ae5c6
            14ee8099d52844eb61aa95dfab4c02f7 2aa71e7c4c4f64c9befe2facc638e8f3
            cbec163fac469b502773f6fb94e664da 9165b82829f641e0""");
    private static final byte[] TAG = hex("76aaa8266b7fb0f7b11b369907e1ad43");

    private static byte[] espPacket() {
        byte[] packet = new byte[8 + 8 + CIPHERTEXT.length + TAG.length];
        EspCipher.putInt(packet, 0, SPI);
        EspCipher.putInt(packet, 4, (int) SEQUENCE);
        EspCipher.putLong(packet, 8, IV);
        System.arraycopy(CIPHERTEXT, 0, packet, 16, CIPHERTEXT.length);
        System.arraycopy(TAG, 0, packet, 16 + CIPHERTEXT.length, TAG.length);
        return packet;
    }

    @Test
    @DisplayName("RFC 7634 Appendix A: the example inner packet is 84 bytes as the RFC's IPv4 header says")
    void innerPacketIsTheRfcOne() {
        assertEquals(84, INNER.length);
        assertEquals(84, ((INNER[2] & 0xFF) << 8) | (INNER[3] & 0xFF));
    }

    @Test
    @DisplayName("RFC 7634 Appendix A: EspSa.decrypt turns the example ESP packet into its ICMP packet")
    void decryptsTheExample() {
        EspTransform suite = EspTransform.chaCha20Poly1305();
        EspKeys keys = new EspKeys(KEY_AND_SALT, new byte[0]);
        EspSa sa = new EspSa(new EspSaConfig(SPI, 0x1000, suite, keys, keys, false, EspLimits.DEFAULT));
        PacketBuffer buffer = PacketBuffer.copyOf(espPacket(), 0, 0);

        EspDecryptResult result = sa.decrypt(buffer);

        assertEquals(new EspDecryptResult.Ok(4), result);
        assertArrayEquals(INNER, buffer.toByteArray());
    }

    @Test
    @DisplayName("RFC 7634 Appendix A: sealing the example text with its IV gives the RFC's ciphertext and tag")
    void sealsTheExample() {
        byte[] packet = new byte[espPacket().length];
        EspCipher.putInt(packet, 0, SPI);
        EspCipher.putInt(packet, 4, (int) SEQUENCE);
        System.arraycopy(INNER, 0, packet, 16, INNER.length);
        System.arraycopy(TRAILER, 0, packet, 16 + INNER.length, TRAILER.length);
        // The RFC's IV is not the sequence number; the cipher takes the IV value it is given.
        new AeadEspCipher(EspEncryption.CHACHA20_POLY1305, KEY_AND_SALT.clone())
                .seal(packet, 0, INNER.length + TRAILER.length, IV, false);

        assertArrayEquals(espPacket(), packet);
    }
}
