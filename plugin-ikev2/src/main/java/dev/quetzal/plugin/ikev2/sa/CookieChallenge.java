package dev.quetzal.plugin.ikev2.sa;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * Stateless IKE_SA_INIT cookies as RFC 7296 §2.6 suggests: {@code Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi
 * | <secret>)}, with SHA-256 as the hash. The secret is replaced every {@link #ROTATE_NANOS}; a cookie made with the
 * one before is still accepted, so a client that got its cookie just before a rotation is not sent back again. No
 * state per initiator: checking a cookie only recomputes it.
 */
final class CookieChallenge {
    static final long ROTATE_NANOS = 60_000_000_000L;
    static final int SECRET_SIZE = 32;
    /** Version byte and SHA-256: within the 1..64 octets §2.6 allows. */
    static final int COOKIE_SIZE = 1 + 32;

    private final SecureRandom random;
    private final LongSupplier clock;
    private byte[] current;
    private byte[] previous;
    private int version;
    private long rotatedAt;

    CookieChallenge(SecureRandom random, LongSupplier nanoClock) {
        this.random = random;
        this.clock = nanoClock;
        this.current = newSecret();
        this.rotatedAt = nanoClock.getAsLong();
    }

    /** The cookie for the initiator's nonce, address and SPIi under the current secret. */
    synchronized byte[] cookie(byte[] ni, InetAddress ipi, long spiI) {
        rotate();
        return compute(version, current, ni, ipi, spiI);
    }

    /** Whether {@code cookie} is one we made for these values with the current or the previous secret. */
    synchronized boolean valid(byte[] cookie, byte[] ni, InetAddress ipi, long spiI) {
        rotate();
        if (cookie.length != COOKIE_SIZE) {
            return false;
        }
        int v = cookie[0] & 0xFF;
        byte[] secret = v == version ? current : v == ((version - 1) & 0xFF) ? previous : null;
        return secret != null && MessageDigest.isEqual(cookie, compute(v, secret, ni, ipi, spiI));
    }

    private void rotate() {
        long now = clock.getAsLong();
        long elapsed = now - rotatedAt;
        if (elapsed < ROTATE_NANOS) {
            return;
        }
        // After two periods without a request the previous secret is too old to keep as well.
        previous = elapsed < 2 * ROTATE_NANOS ? current : null;
        current = newSecret();
        version = (version + 1) & 0xFF;
        rotatedAt = now;
    }

    private byte[] newSecret() {
        byte[] secret = new byte[SECRET_SIZE];
        random.nextBytes(secret);
        return secret;
    }

    private static byte[] compute(int version, byte[] secret, byte[] ni, InetAddress ipi, long spiI) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        sha256.update(ni);
        sha256.update(ipi.getAddress());
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(spiI).array());
        sha256.update(secret);
        return ByteBuffer.allocate(COOKIE_SIZE).put((byte) version).put(sha256.digest()).array();
    }
}
