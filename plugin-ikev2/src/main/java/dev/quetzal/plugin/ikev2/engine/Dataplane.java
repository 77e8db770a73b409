package dev.quetzal.plugin.ikev2.engine;

import java.net.InetSocketAddress;

/** Where negotiated Child SAs go to carry packets. Thread-safe. */
public interface Dataplane {
    /**
     * Installs a Child SA: inbound ESP with its SPI is decrypted, checked against the selectors and
     * handed to the router; packets for its inner addresses are encrypted with it. A rekeyed SA
     * ({@link ChildSaSpec#replaces()} != 0) takes over outbound traffic at once; the old one keeps
     * accepting inbound packets until it is removed.
     */
    ChildSa install(ChildSaSpec spec);

    /** The peer of an IKE SA moved (NAT rebinding, RFC 7296 §2.23, or MOBIKE, RFC 4555 §3.5): ESP follows it. */
    void peerMoved(String ikeSaId, InetSocketAddress peer);

    /**
     * Whether a verified ESP packet of this IKE SA from a new address moves its peer on its own (a NAT in front of
     * the peer and no MOBIKE, the rule the IKE SA follows too); {@link ChildSaSpec#followsRebinding()} sets it first.
     */
    default void followRebinding(String ikeSaId, boolean follows) {
    }

    /** An installed Child SA, as the engine sees it. */
    interface ChildSa {
        int inboundSpi();

        int outboundSpi();

        /** True once the SA is near its sequence or byte limits (the engine starts a rekey). */
        boolean rekeyNeeded();

        /** Monotonic nanos of the last inbound packet that verified, 0 if none (for liveness checks). */
        long lastInboundNanos();

        /** Stops using the SA (Delete received or sent, or its IKE SA is gone). Idempotent. */
        void remove();
    }
}
