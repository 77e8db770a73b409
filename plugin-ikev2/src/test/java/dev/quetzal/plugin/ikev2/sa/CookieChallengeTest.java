package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stateless cookie of RFC 7296 §2.6 on a manual clock, with a secret the test knows. */
@DisplayName("RFC 7296 §2.6: Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>), rotating secret")
final class CookieChallengeTest {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] NI = filled(32, 0x4e);
    private static final long SPI_I = 0x0102030405060708L;

    private long now = 7 * SECOND;
    private byte secretByte = 0x11;
    /** Each secret is 32 copies of one byte: 0x11 first, then 0x12, 0x13, ... */
    private final SecureRandom secrets = new SecureRandom() {
        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, secretByte++);
        }
    };
    private final CookieChallenge cookies = new CookieChallenge(secrets, () -> now);

    private static byte[] filled(int n, int value) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    @DisplayName("§2.6: the cookie is the secret's version, then SHA-256 of Ni, IPi, SPIi and the secret")
    void computation() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(NI);
        sha256.update(new byte[] {(byte) 198, 18, 0, 9});
        sha256.update(ByteBuffer.allocate(8).putLong(SPI_I).array());
        sha256.update(filled(32, 0x11));
        byte[] expected = ByteBuffer.allocate(33).put((byte) 0).put(sha256.digest()).array();

        assertArrayEquals(expected, cookies.cookie(NI, ip("198.18.0.9"), SPI_I));
        assertTrue(cookies.valid(expected, NI, ip("198.18.0.9"), SPI_I));
        assertEquals(33, cookies.cookie(NI, ip("2001:db8::9"), SPI_I).length, "1..64 octets (§2.6)");
    }

    @Test
    @DisplayName("§2.6: a cookie only checks out for the Ni, IPi and SPIi it was made for, and unaltered")
    void wrongCookie() throws Exception {
        byte[] cookie = cookies.cookie(NI, ip("198.18.0.9"), SPI_I);
        assertFalse(cookies.valid(cookie, NI, ip("198.18.0.10"), SPI_I), "another source address");
        assertFalse(cookies.valid(cookie, NI, ip("198.18.0.9"), SPI_I + 1), "another SPIi");
        assertFalse(cookies.valid(cookie, filled(32, 0x4f), ip("198.18.0.9"), SPI_I), "another Ni");
        byte[] flipped = cookie.clone();
        flipped[20] ^= 1;
        assertFalse(cookies.valid(flipped, NI, ip("198.18.0.9"), SPI_I), "one bit changed");
        assertFalse(cookies.valid(Arrays.copyOf(cookie, 32), NI, ip("198.18.0.9"), SPI_I), "shortened");
        assertFalse(cookies.valid(new byte[0], NI, ip("198.18.0.9"), SPI_I), "empty");
        byte[] otherVersion = cookie.clone();
        otherVersion[0] = 7;
        assertFalse(cookies.valid(otherVersion, NI, ip("198.18.0.9"), SPI_I), "a version we never had");
    }

    @Test
    @DisplayName("§2.6: the secret rotates every 60 s; a cookie of the previous secret is accepted, an older one not")
    void rotation() throws Exception {
        InetAddress ipi = ip("198.18.0.9");
        byte[] first = cookies.cookie(NI, ipi, SPI_I);
        now += CookieChallenge.ROTATE_NANOS - 1;
        assertArrayEquals(first, cookies.cookie(NI, ipi, SPI_I), "same secret until 60 s passed");

        now += 1;
        byte[] second = cookies.cookie(NI, ipi, SPI_I);
        assertEquals(1, second[0], "the new secret's version");
        assertFalse(Arrays.equals(first, second));
        assertTrue(cookies.valid(first, NI, ipi, SPI_I), "the previous secret is still accepted");
        assertTrue(cookies.valid(second, NI, ipi, SPI_I));

        now += CookieChallenge.ROTATE_NANOS;
        assertFalse(cookies.valid(first, NI, ipi, SPI_I), "two secrets ago");
        assertTrue(cookies.valid(second, NI, ipi, SPI_I));
    }

    @Test
    @DisplayName("§2.6: after two periods without a request neither old secret is accepted")
    void longPause() throws Exception {
        InetAddress ipi = ip("198.18.0.9");
        byte[] first = cookies.cookie(NI, ipi, SPI_I);
        now += 2 * CookieChallenge.ROTATE_NANOS;
        assertFalse(cookies.valid(first, NI, ipi, SPI_I));
        assertTrue(cookies.valid(cookies.cookie(NI, ipi, SPI_I), NI, ipi, SPI_I));
    }
}
