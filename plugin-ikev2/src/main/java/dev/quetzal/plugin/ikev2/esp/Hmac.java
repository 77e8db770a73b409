package dev.quetzal.plugin.ikev2.esp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC (RFC 2104) over a {@link MessageDigest}, writing into a caller's array. {@code javax.crypto.Mac}
 * allocates its result on every {@code doFinal}; the digest's {@code digest(byte[], int, int)} does not.
 * Keys are never longer than the block here (RFC 4868 §2.1.1: key length = output length).
 */
final class Hmac {
    private final MessageDigest digest;
    private final byte[] innerPad;
    private final byte[] outerPad;
    private final byte[] inner;

    Hmac(EspIntegrity integrity, byte[] key) {
        try {
            digest = MessageDigest.getInstance(integrity.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no " + integrity.digest() + " in this JDK", e);
        }
        innerPad = new byte[integrity.blockLength()];
        outerPad = new byte[integrity.blockLength()];
        for (int i = 0; i < innerPad.length; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        inner = new byte[digest.getDigestLength()];
    }

    void start() {
        digest.reset();
        digest.update(innerPad);
    }

    void update(byte[] array, int from, int length) {
        digest.update(array, from, length);
    }

    /** Ends the MAC and returns the scratch array holding the whole (untruncated) value. */
    byte[] finish() {
        try {
            digest.digest(inner, 0, inner.length);
            digest.update(outerPad);
            digest.update(inner);
            digest.digest(inner, 0, inner.length);
        } catch (DigestException e) {
            throw new IllegalStateException("digest output did not fit", e);
        }
        return inner;
    }
}
