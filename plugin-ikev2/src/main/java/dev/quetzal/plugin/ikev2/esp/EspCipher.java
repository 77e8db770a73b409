package dev.quetzal.plugin.ikev2.esp;

/**
 * The per-packet cryptography of one direction, in place on a heap array (DESIGN.md "Data path"). The
 * ESP packet starts at {@code esp} with SPI and sequence number, the IV follows, then {@code textLength}
 * bytes of payload and trailer (padding, pad length, next header), then the ICV. Instances hold a JCE
 * {@code Cipher}, which is not thread-safe: one instance per thread.
 */
sealed interface EspCipher permits AeadEspCipher, CbcHmacEspCipher {
    static EspCipher create(EspTransform transform, EspKeys keys) {
        return transform.encryption().isAead()
                ? new AeadEspCipher(transform.encryption(), keys.encryptionKey())
                : new CbcHmacEspCipher(transform.integrity(), keys.encryptionKey(), keys.integrityKey());
    }

    /**
     * Writes the IV, encrypts the text in place and writes the ICV after it. {@code sequence} is the whole
     * (64-bit when {@code esn}) sequence number; the header's low 32 bits are already in place.
     */
    void seal(byte[] array, int esp, int textLength, long sequence, boolean esn);

    /** Verifies the ICV and, only if it matches, decrypts the text in place; false when it does not match. */
    boolean open(byte[] array, int esp, int textLength, long sequence, boolean esn);

    static void putLong(byte[] array, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            array[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    static void putInt(byte[] array, int at, int value) {
        array[at] = (byte) (value >>> 24);
        array[at + 1] = (byte) (value >>> 16);
        array[at + 2] = (byte) (value >>> 8);
        array[at + 3] = (byte) value;
    }
}
