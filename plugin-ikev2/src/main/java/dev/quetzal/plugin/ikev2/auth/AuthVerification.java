package dev.quetzal.plugin.ikev2.auth;

/** The outcome of checking a peer's AUTH payload. */
public sealed interface AuthVerification {
    /** The signature verifies; {@code algorithm} names what was checked, for the log. */
    record Ok(AuthMethod method, String algorithm) implements AuthVerification {
    }

    /** Not accepted; {@code detail} is one line for the log and never contains key material. */
    record Failed(AuthFailure reason, String detail) implements AuthVerification {
        @Override
        public String toString() {
            return "AUTH rejected (" + reason + "): " + detail;
        }
    }
}
