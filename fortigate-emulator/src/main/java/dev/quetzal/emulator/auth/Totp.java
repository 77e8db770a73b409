package dev.quetzal.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP with the parameters authenticator apps use: HMAC-SHA-1, 30-second steps from the
 * Unix epoch, 6 digits (RFC 4226 §5.3 dynamic truncation). One step of clock skew either way is
 * accepted.
 */
public final class Totp {
    public static final long STEP_SECONDS = 30;
    public static final int DIGITS = 6;

    private Totp() {}

    /** The code for time step {@code counter} as an int below 10^digits (RFC 4226 §5.3). */
    public static int code(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(new byte[] {
                (byte) (counter >>> 56), (byte) (counter >>> 48), (byte) (counter >>> 40), (byte) (counter >>> 32),
                (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
            });
            int offset = hash[hash.length - 1] & 0x0F;
            int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                    | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
            int modulus = 1;
            for (int i = 0; i < digits; i++) {
                modulus *= 10;
            }
            return binary % modulus;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** The 6-digit code at {@code time}, zero-padded. */
    public static String codeAt(byte[] key, Instant time) {
        return format(code(key, time.getEpochSecond() / STEP_SECONDS, DIGITS));
    }

    /** True if {@code candidate} is the code of the current step or one step either side. */
    public static boolean verify(byte[] key, String candidate, Instant now) {
        if (candidate == null || candidate.length() != DIGITS || !candidate.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long step = now.getEpochSecond() / STEP_SECONDS;
        boolean match = false;
        for (long s = step - 1; s <= step + 1; s++) {
            // Compare all three without stopping early: the answer should not depend on which step matched.
            match |= MessageDigest.isEqual(format(code(key, s, DIGITS)).getBytes(StandardCharsets.US_ASCII),
                    candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static String format(int code) {
        String digits = Integer.toString(code);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}
