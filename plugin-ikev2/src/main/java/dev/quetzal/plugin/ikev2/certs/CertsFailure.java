package dev.quetzal.plugin.ikev2.certs;

/**
 * A {@code quetzal certs} run that cannot go on, with the exit status to return (2 for bad input such
 * as a missing CA folder or variable, 1 otherwise) and one line for standard error. Never carries
 * key material or passwords.
 */
final class CertsFailure extends Exception {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private final int status;

    CertsFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
