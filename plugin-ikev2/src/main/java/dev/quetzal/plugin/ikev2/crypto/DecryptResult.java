package dev.quetzal.plugin.ikev2.crypto;

/** Outcome of opening an SK (or SKF) payload; a failure changes no state of the cipher. */
public sealed interface DecryptResult {
    /** The inner payloads, with IV, padding, pad length and ICV removed. */
    record Ok(byte[] plaintext) implements DecryptResult {
        public Ok {
            plaintext = plaintext.clone();
        }

        @Override
        public byte[] plaintext() {
            return plaintext.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ok(byte[] p) && java.util.Arrays.equals(plaintext, p);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(plaintext);
        }

        @Override
        public String toString() {
            return "Ok[" + plaintext.length + " octets]";
        }
    }

    /** The ICV (HMAC or AEAD tag) does not verify: forged, corrupted or keyed differently. Drop silently. */
    record IntegrityFailure() implements DecryptResult {
    }

    /** The payload cannot be an SK payload of this cipher; with CBC it was authentic but padded wrongly. */
    record Malformed(Reason reason, String message) implements DecryptResult {
    }

    enum Reason {
        /** Fewer octets than IV + pad length octet + ICV. */
        TOO_SHORT,
        /** CBC ciphertext that is not a whole number of blocks. */
        NOT_BLOCK_ALIGNED,
        /** Pad Length points before the start of the decrypted data (RFC 7296 §3.14). */
        BAD_PAD_LENGTH
    }
}
