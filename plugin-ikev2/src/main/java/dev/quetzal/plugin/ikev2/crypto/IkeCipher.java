package dev.quetzal.plugin.ikev2.crypto;

import java.security.SecureRandom;

/**
 * Protection of the Encrypted (SK) payload, RFC 7296 §3.14, and of Encrypted Fragment (SKF) payloads, RFC 7383 §2.5.
 * One instance holds the keys of one direction ({@link IkeSaKeys#outbound} or {@link IkeSaKeys#inbound}) and is owned
 * by one thread; it keeps JCA objects between calls.
 *
 * <p>Layout in {@code buf}: the IKE message starts at {@code messageStart} (after a non-ESP marker, if any) and runs
 * to the end of the SK payload; {@code bodyOffset} is where the IV starts, right after the SK (or SKF) header. The
 * octets from {@code messageStart} to {@code bodyOffset} - IKE header, any unencrypted payloads, the SK header - are
 * authenticated: as AEAD associated data (RFC 5282 §5.1) or under the HMAC together with IV and ciphertext (RFC 7296
 * §3.14). They must already carry their final length fields when {@link #encrypt} is called.
 */
public sealed interface IkeCipher permits AeadIkeCipher, CbcHmacIkeCipher {
    /** A cipher for one direction of an IKE SA. AEAD IVs count up from a random start; CBC IVs are random. */
    static IkeCipher create(IkeSuite suite, DirectionKeys keys, SecureRandom random) {
        EncryptionAlgorithm encr = suite.encryption();
        if (encr.isAead()) {
            return new AeadIkeCipher(encr, keys.encryption(), random.nextLong());
        }
        return new CbcHmacIkeCipher(keys.encryption(), suite.integrity(), keys.integrity(), random);
    }

    /** IV octets at the start of the body. */
    int ivLength();

    /** ICV octets at the end of the body. */
    int icvLength();

    /** Octets of IV + encrypted (plaintext, padding, pad length) + ICV for a plaintext of this length. */
    int bodyLength(int plaintextLength);

    /**
     * Writes IV, ciphertext and ICV to {@code buf} at {@code bodyOffset}; {@code buf} needs room for
     * {@link #bodyLength(int)} octets there. Returns the offset just after the ICV, the end of the message.
     */
    int encrypt(byte[] buf, int messageStart, int bodyOffset, byte[] plaintext, int plaintextOffset,
                int plaintextLength);

    /** Verifies and decrypts the body {@code buf[bodyOffset, bodyEnd)}; never throws on bad input. */
    DecryptResult decrypt(byte[] buf, int messageStart, int bodyOffset, int bodyEnd);
}
