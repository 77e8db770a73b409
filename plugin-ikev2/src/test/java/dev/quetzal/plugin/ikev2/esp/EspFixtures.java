package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Shared test material: suites, deterministic keys, mirrored SA pairs and inner IP packets. */
final class EspFixtures {
    static final int HEADROOM = 64;
    static final int TAILROOM = 64;
    static final int SPI_A = 0x0102_0304;
    static final int SPI_B = 0x0A0B_0C0D;

    /** Every ESP suite issue 4 names (RFC 4106, RFC 3602 + RFC 4868, RFC 7634). */
    static final List<EspTransform> SUITES = List.of(
            EspTransform.aesGcm16(128),
            EspTransform.aesGcm16(256),
            EspTransform.aesCbc(128, EspIntegrity.AUTH_HMAC_SHA2_256_128),
            EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_256_128),
            EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_384_192),
            EspTransform.aesCbc(128, EspIntegrity.AUTH_HMAC_SHA2_512_256),
            EspTransform.chaCha20Poly1305());

    private EspFixtures() {}

    static java.util.stream.Stream<EspTransform> suitesOnly() {
        return SUITES.stream();
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static EspKeys keys(EspTransform transform, int seed) {
        return new EspKeys(bytes(transform.encryptionKeyLength(), seed),
                bytes(transform.integrity().keyLength(), seed + 1));
    }

    /** Our side sends with keys seed 1 to SPI_B and receives with keys seed 2 on SPI_A. */
    static EspSa sender(EspTransform transform, boolean esn) {
        return sender(transform, esn, EspLimits.DEFAULT);
    }

    static EspSa sender(EspTransform transform, boolean esn, EspLimits limits) {
        return new EspSa(new EspSaConfig(SPI_A, SPI_B, transform, keys(transform, 2), keys(transform, 1), esn, limits));
    }

    /** The peer of {@link #sender}: receives on SPI_B with keys seed 1. */
    static EspSa receiver(EspTransform transform, boolean esn) {
        return new EspSa(new EspSaConfig(SPI_B, SPI_A, transform, keys(transform, 1), keys(transform, 2), esn,
                EspLimits.DEFAULT));
    }

    /** An IPv4 UDP packet of {@code length} bytes from 100.64.0.2 to 198.18.0.1 (checksum not needed here). */
    static byte[] ipv4(int length, int seed) {
        byte[] p = bytes(length, seed);
        p[0] = 0x45;
        p[1] = 0;
        p[2] = (byte) (length >>> 8);
        p[3] = (byte) length;
        p[9] = 17;
        System.arraycopy(new byte[] {100, 64, 0, 2, (byte) 198, 18, 0, 1}, 0, p, 12, 8);
        return p;
    }

    /** An IPv6 packet of {@code length} bytes (payload length = length - 40) inside 2001:db8::/32. */
    static byte[] ipv6(int length, int seed) {
        byte[] p = bytes(length, seed);
        p[0] = 0x60;
        p[4] = (byte) ((length - 40) >>> 8);
        p[5] = (byte) (length - 40);
        p[6] = 17;
        p[8] = 0x20;
        p[9] = 0x01;
        p[10] = 0x0d;
        p[11] = (byte) 0xb8;
        p[24] = 0x20;
        p[25] = 0x01;
        p[26] = 0x0d;
        p[27] = (byte) 0xb8;
        return p;
    }

    static PacketBuffer buffer(byte[] packet) {
        return PacketBuffer.copyOf(packet, HEADROOM, TAILROOM);
    }

    /** Encrypts {@code packet} with {@code sa} and returns the ESP bytes. */
    static byte[] seal(EspSa sa, byte[] packet) {
        PacketBuffer b = buffer(packet);
        EspEncryptResult r = sa.encrypt(b);
        if (!(r instanceof EspEncryptResult.Sealed)) {
            throw new AssertionError("not sealed: " + r);
        }
        return b.toByteArray();
    }

    /**
     * An ESP packet whose decrypted text is exactly {@code text} (inner packet, padding, pad length, next header
     * as the test wants them), built with the package's cipher so trailer rules can be broken on purpose.
     */
    static byte[] craft(EspTransform transform, EspKeys keys, int spi, long sequence, boolean esn, byte[] text) {
        int header = transform.headerLength();
        byte[] out = new byte[header + text.length + transform.icvLength()];
        EspCipher.putInt(out, 0, spi);
        EspCipher.putInt(out, 4, (int) sequence);
        System.arraycopy(text, 0, out, header, text.length);
        EspCipher.create(transform, keys).seal(out, 0, text.length, sequence, esn);
        return out;
    }
}
