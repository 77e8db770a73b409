package dev.quetzal.plugin.ikev2.esp;

/**
 * What {@link EspSa#decrypt} did with a packet. Instances are shared constants, so the data path
 * allocates nothing to report a result.
 */
public sealed interface EspDecryptResult {
    /** Accepted: the buffer now holds the inner packet, {@code nextHeader} 4 (IPv4) or 41 (IPv6). */
    record Ok(int nextHeader) implements EspDecryptResult {
        static final Ok IPV4 = new Ok(4);
        static final Ok IPV6 = new Ok(41);
    }

    /** Dropped and counted; the buffer's contents are unspecified and the caller releases it. */
    record Drop(EspDropReason reason) implements EspDecryptResult {
        private static final Drop[] ALL = new Drop[EspDropReason.values().length];

        static {
            for (EspDropReason reason : EspDropReason.values()) {
                ALL[reason.ordinal()] = new Drop(reason);
            }
        }

        static Drop of(EspDropReason reason) {
            return ALL[reason.ordinal()];
        }
    }
}
