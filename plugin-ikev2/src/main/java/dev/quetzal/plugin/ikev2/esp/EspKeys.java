package dev.quetzal.plugin.ikev2.esp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The keys of one direction of a Child SA, cut from KEYMAT (RFC 7296 §2.17): the encryption key with its
 * trailing salt for the combined modes, and the integrity key (empty for the combined modes). Copies are
 * kept and handed out; {@link #toString()} never shows key bytes.
 */
public final class EspKeys {
    private final byte[] encryptionKey;
    private final byte[] integrityKey;

    public EspKeys(byte[] encryptionKey, byte[] integrityKey) {
        this.encryptionKey = Objects.requireNonNull(encryptionKey, "encryptionKey").clone();
        this.integrityKey = Objects.requireNonNull(integrityKey, "integrityKey").clone();
    }

    /** Checks the lengths against {@code transform}; a clear message names what was expected. */
    void checkFor(EspTransform transform) {
        if (encryptionKey.length != transform.encryptionKeyLength()) {
            throw new IllegalArgumentException("encryption key of " + encryptionKey.length + " bytes, "
                    + transform.encryption() + " with " + transform.keyBits() + " bits needs "
                    + transform.encryptionKeyLength());
        }
        if (integrityKey.length != transform.integrity().keyLength()) {
            throw new IllegalArgumentException("integrity key of " + integrityKey.length + " bytes, "
                    + transform.integrity() + " needs " + transform.integrity().keyLength());
        }
    }

    byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    byte[] integrityKey() {
        return integrityKey.clone();
    }

    /** Overwrites the key bytes held here, once the SA is gone. */
    public void destroy() {
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(integrityKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "EspKeys[encryption=" + encryptionKey.length + " bytes, integrity=" + integrityKey.length
                + " bytes, values hidden]";
    }
}
