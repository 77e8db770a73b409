package dev.quetzal.plugin.ikev2.esp;

/** What {@link EspSa#encrypt} did with a packet; shared constants, no allocation per packet. */
public sealed interface EspEncryptResult {
    /** Protected: the buffer holds the ESP packet. {@code rekeyNeeded} once a soft limit is passed. */
    record Sealed(boolean rekeyNeeded) implements EspEncryptResult {
        static final Sealed FRESH = new Sealed(false);
        static final Sealed REKEY_NEEDED = new Sealed(true);
    }

    /** Not protected and not changed; the caller still owns the buffer. */
    record Refused(EspRefusal reason) implements EspEncryptResult {
        private static final Refused[] ALL = new Refused[EspRefusal.values().length];

        static {
            for (EspRefusal reason : EspRefusal.values()) {
                ALL[reason.ordinal()] = new Refused(reason);
            }
        }

        static Refused of(EspRefusal reason) {
            return ALL[reason.ordinal()];
        }
    }
}
