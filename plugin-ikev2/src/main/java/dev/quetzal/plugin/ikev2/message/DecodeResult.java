package dev.quetzal.plugin.ikev2.message;

import java.util.Optional;

/** The outcome of decoding an IKE message: never an exception for bad input (RFC 7296 §2.21). */
public sealed interface DecodeResult {
    /** Where a syntax error was found: decides whether an answer can be protected (RFC 7296 §2.21.1). */
    enum Stage {
        /** In the header or the unencrypted payloads: nothing about the message is authenticated. */
        BEFORE_SK,
        /** In the payloads decrypted from SK/SKF: the message was authenticated, an answer may be sent. */
        INSIDE_SK
    }

    /**
     * A well-formed message.
     *
     * @param raw the exact bytes received (for an inner decode, the datagram that carried the SK payload); the
     *     "octets" signed in IKE_AUTH (RFC 7296 §2.15) start with the raw IKE_SA_INIT message
     */
    record Ok(IkeMessage message, Octets raw) implements DecodeResult {
    }

    /**
     * A message that must not be processed.
     *
     * @param notifyType the error notify to answer with (RFC 7296 §3.10.1), or {@link #NO_REPLY} when the
     *     message is to be dropped silently
     * @param reason one line for logs and drop counters; never contains payload contents
     * @param header the header when it could be read, so the SA and message ID are known
     */
    record Error(int notifyType, Stage stage, String reason, Optional<IkeHeader> header) implements DecodeResult {
        /** No notify fits (not IKEv2 at all, too short for a header): drop without an answer. */
        public static final int NO_REPLY = 0;

        public boolean shouldReply() {
            return notifyType != NO_REPLY;
        }

        @Override
        public String toString() {
            return "Error[" + (shouldReply() ? NotifyType.name(notifyType) : "drop") + ", " + stage + ": " + reason + "]";
        }
    }
}
