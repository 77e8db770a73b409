package dev.quetzal.runtime.cli.pterodapter;

import dev.quetzal.api.net.IpPrefix;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * An RFC 4193 unique local /64 (fd00::/8 plus a 40-bit global ID, subnet 0) for the clients' IPv6
 * addresses. RFC 4193 §3.2.2 derives the global ID from a SHA-1 hash; here the hash is of the
 * FortiGate's name, so the same command line always gives the same prefix and two sites rarely share one.
 */
final class UniqueLocalPrefix {
    private UniqueLocalPrefix() {}

    /** The /64 for {@code seed}, such as {@code fd12:3456:789a::/64}. */
    static String of(String seed) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(seed.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        // RFC 4193 §3.2.2: the least significant 40 bits of the hash are the global ID.
        int n = digest.length;
        int group1 = 0xfd00 | (digest[n - 5] & 0xff);
        int group2 = (digest[n - 4] & 0xff) << 8 | (digest[n - 3] & 0xff);
        int group3 = (digest[n - 2] & 0xff) << 8 | (digest[n - 1] & 0xff);
        return IpPrefix.parse(String.format(Locale.ROOT, "%x:%x:%x::/64", group1, group2, group3)).toString();
    }
}
