package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.auth.Base32;
import dev.quetzal.emulator.auth.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** TOTP (RFC 6238) and base32 (RFC 4648) known answers. */
final class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC6238_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}")
    @DisplayName("RFC 6238 Appendix B, SHA-1, 8 digits")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void rfc6238Vectors(long unixTime, String expected) {
        int code = Totp.code(RFC6238_SEED, unixTime / Totp.STEP_SECONDS, 8);
        assertEquals(expected, String.format("%08d", code));
        // Six digits are the low six of the same truncation (RFC 4226 §5.3).
        assertEquals(expected.substring(2), Totp.codeAt(RFC6238_SEED, Instant.ofEpochSecond(unixTime)));
    }

    @Test
    @DisplayName("RFC 6238 §5.2: one step of skew either way is accepted, two are not")
    void skewWindow() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        assertTrue(Totp.verify(RFC6238_SEED, Totp.codeAt(RFC6238_SEED, now), now));
        assertTrue(Totp.verify(RFC6238_SEED, Totp.codeAt(RFC6238_SEED, now.minusSeconds(30)), now));
        assertTrue(Totp.verify(RFC6238_SEED, Totp.codeAt(RFC6238_SEED, now.plusSeconds(30)), now));
        assertFalse(Totp.verify(RFC6238_SEED, Totp.codeAt(RFC6238_SEED, now.minusSeconds(60)), now));
        assertFalse(Totp.verify(RFC6238_SEED, null, now));
        assertFalse(Totp.verify(RFC6238_SEED, "12345", now));
        assertFalse(Totp.verify(RFC6238_SEED, "abcdef", now));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("RFC 4648 §10 base32 test vectors")
    @CsvSource({
        "'', ''",
        "f, MY======",
        "fo, MZXQ====",
        "foo, MZXW6===",
        "foob, MZXW6YQ=",
        "fooba, MZXW6YTB",
        "foobar, MZXW6YTBOI======"
    })
    void base32Vectors(String plain, String encoded) {
        assertArrayEquals(plain.getBytes(StandardCharsets.US_ASCII), Base32.decode(encoded));
        assertEquals(encoded.replace("=", ""), Base32.encode(plain.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    @DisplayName("base32: lower case, spaces and a base32: prefix are accepted; bad characters are not quoted")
    void base32Leniency() {
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("base32:mzxw 6ytb oi"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode("SECRET1"));
        assertFalse(e.getMessage().contains("SECRET"));
    }
}
