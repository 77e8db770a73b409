package dev.quetzal.plugin.fortivpn.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP (RFC 6238), HOTP (RFC 4226) and base32 (RFC 4648) known-answer vectors. */
final class TotpTest {
    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @DisplayName("RFC 6238 Appendix B: every test vector, 8 digits, 30 s step")
    @ParameterizedTest(name = "{1} at {0}")
    @CsvSource({
        "59, HmacSHA1, 94287082", "59, HmacSHA256, 46119246", "59, HmacSHA512, 90693936",
        "1111111109, HmacSHA1, 07081804", "1111111109, HmacSHA256, 68084774", "1111111109, HmacSHA512, 25091201",
        "1111111111, HmacSHA1, 14050471", "1111111111, HmacSHA256, 67062674", "1111111111, HmacSHA512, 99943326",
        "1234567890, HmacSHA1, 89005924", "1234567890, HmacSHA256, 91819424", "1234567890, HmacSHA512, 93441116",
        "2000000000, HmacSHA1, 69279037", "2000000000, HmacSHA256, 90698825", "2000000000, HmacSHA512, 38618901",
        "20000000000, HmacSHA1, 65353130", "20000000000, HmacSHA256, 77737706", "20000000000, HmacSHA512, 47863826",
    })
    void rfc6238AppendixB(long seconds, String algorithm, String expected) {
        byte[] seed = switch (algorithm) {
            case "HmacSHA1" -> SEED_SHA1;
            case "HmacSHA256" -> SEED_SHA256;
            default -> SEED_SHA512;
        };
        assertEquals(expected, new Totp(algorithm, 30, 8).code(seed, Instant.ofEpochSecond(seconds)));
    }

    @DisplayName("RFC 4226 Appendix D: HOTP values for counters 0..9, 6 digits")
    @Test
    void rfc4226AppendixD() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertEquals(expected[counter], Totp.FORTITOKEN.hotp(SEED_SHA1, counter));
        }
    }

    @DisplayName("RFC 6238 §4: the 6-digit FortiToken code is the 8-digit one's last six digits, stable within a step")
    @Test
    void sixDigitCodesWithinOneStep() {
        assertEquals("287082", Totp.FORTITOKEN.code(SEED_SHA1, Instant.ofEpochSecond(59)));
        assertEquals(Totp.FORTITOKEN.code(SEED_SHA1, Instant.ofEpochSecond(1_111_111_110)),
                Totp.FORTITOKEN.code(SEED_SHA1, Instant.ofEpochSecond(1_111_111_119)));
    }

    @DisplayName("RFC 4648 §10: base32 test vectors, case-insensitive, padding optional, spaces ignored")
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(value = {"'',''", "f,MY======", "fo,MZXQ====", "foo,MZXW6===", "foob,MZXW6YQ=", "fooba,MZXW6YTB",
        "foobar,MZXW6YTBOI======", "foobar,mzxw6ytboi", "foobar,MZXW 6YTB OI", "foobar,base32:MZXW6YTBOI"})
    void base32Vectors(String plain, String encoded) {
        assertArrayEquals(plain.getBytes(StandardCharsets.US_ASCII), Base32.decode(encoded));
    }

    @DisplayName("RFC 4648 §6: characters outside the alphabet are refused without echoing the secret")
    @Test
    void base32RefusesOtherCharacters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode("SECRET1X"));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertFalse(Base32.isValid("ABC!"));
        assertFalse(Base32.isValid(""));
        assertTrue(Base32.isValid("JBSWY3DPEHPK3PXP"));
    }
}
