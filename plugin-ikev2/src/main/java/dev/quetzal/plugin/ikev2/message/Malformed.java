package dev.quetzal.plugin.ikev2.message;

/**
 * A syntax error found while decoding. It never leaves this package: the decoders turn it into a
 * {@link DecodeResult.Error} (or {@link PayloadChain.Result.Error}); it carries no stack trace because
 * it is expected input, not a bug.
 */
final class Malformed extends Exception {
    private final int notifyType;

    Malformed(String reason) {
        this(NotifyType.INVALID_SYNTAX, reason);
    }

    Malformed(int notifyType, String reason) {
        super(reason, null, false, false);
        this.notifyType = notifyType;
    }

    int notifyType() {
        return notifyType;
    }
}
