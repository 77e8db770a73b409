package dev.quetzal.plugin.ikev2.crypto;

/** Outcome of combining our private value with the peer's KE data. */
public sealed interface DhResult {
    /** RFC 7296 §3.10.1 notify type INVALID_SYNTAX. */
    int INVALID_SYNTAX = 7;

    /** g^ir in the wire format the PRF takes (RFC 7296 §2.14, RFC 5903 §7, RFC 8031 §2). Never printed. */
    record Agreed(byte[] sharedSecret) implements DhResult {
        public Agreed {
            sharedSecret = sharedSecret.clone();
        }

        @Override
        public byte[] sharedSecret() {
            return sharedSecret.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Agreed(byte[] s) && java.security.MessageDigest.isEqual(sharedSecret, s);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(sharedSecret);
        }

        @Override
        public String toString() {
            return "Agreed[" + sharedSecret.length + " octets, redacted]";
        }
    }

    /** The peer's value is unusable; no state changed. */
    record Invalid(Reason reason, String message) implements DhResult {
        /**
         * The notify to answer with. A malformed public value is a syntax error of the KE payload; the state machine
         * sends INVALID_KE_PAYLOAD itself when the group differs from the chosen one (RFC 7296 §1.2).
         */
        public int notifyType() {
            return INVALID_SYNTAX;
        }
    }

    /** Why a peer value was refused. */
    enum Reason {
        /** Not exactly {@link DhGroup#publicValueLength()} octets. */
        WRONG_LENGTH,
        /** A coordinate or MODP value outside its field range (x, y &lt; p; 1 &lt; y &lt; p-1). */
        OUT_OF_RANGE,
        /** The ECP point does not satisfy the curve equation (RFC 5903 §7 requires the check). */
        NOT_ON_CURVE,
        /** The identity / a small-order value: the shared secret would be all zero (RFC 8031 §2). */
        DEGENERATE,
        /** The JCA provider refused the value although our checks passed. */
        REJECTED_BY_PROVIDER
    }
}
