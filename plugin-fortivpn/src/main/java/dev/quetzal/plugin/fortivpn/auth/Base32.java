package dev.quetzal.plugin.fortivpn.auth;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 §6 base32, as authenticator apps show TOTP secrets: case-insensitive, spaces and dashes
 * between groups ignored, padding optional. An OpenConnect-style {@code base32:} prefix is accepted.
 */
public final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    /** True when {@code text} decodes to at least one byte. */
    public static boolean isValid(String text) {
        try {
            return decode(text).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Decodes {@code text}. The exception message never contains the text, which is usually a secret.
     *
     * @throws IllegalArgumentException when a character is outside the alphabet
     */
    public static byte[] decode(String text) {
        String body = text.strip();
        if (body.regionMatches(true, 0, "base32:", 0, 7)) {
            body = body.substring(7);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        boolean padding = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            if (c == '=') {
                padding = true;
                continue;
            }
            int value = ALPHABET.indexOf(Character.toUpperCase(c));
            if (value < 0 || padding) {
                throw new IllegalArgumentException("not base32 (character " + (i + 1) + " is outside A-Z, 2-7)");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >>> bits) & 0xFF);
            }
        }
        return out.toByteArray();
    }
}
