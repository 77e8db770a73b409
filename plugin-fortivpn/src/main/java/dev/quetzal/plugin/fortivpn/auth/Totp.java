package dev.quetzal.plugin.fortivpn.auth;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 on top of HOTP (RFC 4226 §5.3): {@code T = floor((now - T0) /
 * step)}, HMAC over T as 8 big-endian bytes, dynamic truncation, modulo 10^digits.
 */
public final class Totp {
    /** What FortiToken and authenticator apps use: HMAC-SHA-1, 30 s, 6 digits. */
    public static final Totp FORTITOKEN = new Totp("HmacSHA1", 30, 6);

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final String algorithm;
    private final long stepSeconds;
    private final int digits;

    /**
     * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512} (RFC 6238 §1.2)
     * @param stepSeconds X in RFC 6238 §4.1
     * @param digits 6 to 8
     */
    public Totp(String algorithm, long stepSeconds, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("expected 6..8 digits, got " + digits);
        }
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("expected a positive time step, got " + stepSeconds);
        }
        this.algorithm = algorithm;
        this.stepSeconds = stepSeconds;
        this.digits = digits;
    }

    /** The code at {@code time}, zero-padded to the configured number of digits. */
    public String code(byte[] key, Instant time) {
        return hotp(key, Math.floorDiv(time.getEpochSecond(), stepSeconds));
    }

    /** RFC 4226 §5.3 HOTP for the moving factor {@code counter}. */
    public String hotp(byte[] key, long counter) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            hash = mac.doFinal(message);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable TOTP key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }
}
