package dev.quetzal.plugin.ikev2.esp;

/** Test access to the key bytes of {@link EspKeys}, to compare both ends of a negotiated Child SA. */
public final class EspKeyBytes {
    private EspKeyBytes() {
    }

    public static byte[] encryption(EspKeys keys) {
        return keys.encryptionKey();
    }

    public static byte[] integrity(EspKeys keys) {
        return keys.integrityKey();
    }
}
