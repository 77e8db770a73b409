package dev.quetzal.plugin.ikev2.certs;

import java.security.SecureRandom;

/**
 * Generated PKCS#12 passwords: 20 characters in groups of five from an alphabet without look-alikes
 * (no 0/o, 1/l/i), about 99 bits, easy to type on a phone when importing the file.
 */
final class P12Password {
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 5;

    private P12Password() {}

    static char[] generate(SecureRandom random) {
        char[] password = new char[GROUPS * GROUP_LENGTH + GROUPS - 1];
        int at = 0;
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                password[at++] = '-';
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                password[at++] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
        }
        return password;
    }
}
