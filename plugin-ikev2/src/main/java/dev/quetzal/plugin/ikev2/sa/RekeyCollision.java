package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.DeletePayload;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import java.util.Arrays;
import java.util.List;

/**
 * Simultaneous rekeying (RFC 7296 §2.8.1 for a Child SA, §2.8.2 for the IKE SA): both ends rekeyed the same SA at
 * once and both exchanges completed, so there are two new SAs. The one created by the exchange that holds the lowest
 * of the four nonces is redundant: the end that initiated that exchange deletes it, and the end that initiated the
 * surviving one deletes the old SA. Both ends reach the same verdict from the same four nonces.
 */
final class RekeyCollision {
    private RekeyCollision() {
    }

    /**
     * Whether the SA of our exchange (our {@code ni}, the peer's {@code nr}) is the redundant one: §2.8.1 compares
     * octet by octet, and a nonce that ends first is the lower.
     */
    static boolean oursRedundant(byte[] ni, byte[] nr, IkeSa.Crossed crossed) {
        byte[] ours = lower(ni, nr);
        byte[] theirs = lower(crossed.peerNonce(), crossed.ourNonce());
        return Arrays.compareUnsigned(ours, theirs) < 0;
    }

    private static byte[] lower(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * Our Child SA rekey completed after we answered the peer's rekey of the same Child SA ({@code crossed}).
     *
     * @param ours the Child SA our exchange created, already installed
     * @param oldAlive whether {@code old} is still installed here
     */
    static void childRekeysCrossed(IkeSaTable table, IkeSa sa, Dataplane.ChildSa old, boolean oldAlive,
            Dataplane.ChildSa ours, byte[] ni, byte[] nr, IkeSa.Crossed crossed) {
        if (oursRedundant(ni, nr, crossed)) {
            // Ours holds the lowest nonce: we delete it; the peer's new SA survives and the peer deletes the old one.
            table.counters().count("child_rekey_collision_redundant");
            sa.replacedChildren.add(ours.inboundSpi());
            table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.esp(ours.inboundSpi())));
            return;
        }
        // The peer deletes its redundant SA; ours survives and the old one is ours to delete.
        table.counters().count("child_rekey_collision_survived");
        if (oldAlive) {
            sa.replacedChildren.add(old.inboundSpi());
            table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.esp(old.inboundSpi())));
        }
    }
}
