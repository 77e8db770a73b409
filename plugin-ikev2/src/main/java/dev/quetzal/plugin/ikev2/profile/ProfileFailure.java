package dev.quetzal.plugin.ikev2.profile;

/** Why {@code quetzal profile} wrote nothing: a message naming the file or field, and the exit status. */
final class ProfileFailure extends Exception {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private final int status;

    ProfileFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
