package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.ChildSaKeys;
import dev.quetzal.plugin.ikev2.crypto.DirectionKeys;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.KeySchedule;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.esp.EspKeys;
import dev.quetzal.plugin.ikev2.esp.EspSaConfig;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.List;

/**
 * Child SA keys (RFC 7296 §2.17) turned into an {@link EspSaConfig} and installed in the data plane, with the
 * Child SA's lifetime timers (§2.8) and its byte limits.
 */
final class ChildSas {
    private ChildSas() {
    }

    /**
     * @param weInitiatedExchange whether we sent the request that created this Child SA (decides which KEYMAT half
     *     is ours, §2.17), not whether we are the IKE SA's original initiator
     * @param gir the PFS shared secret, null without a key exchange
     * @param requested what the peer first asked for on our side (its TSr as initiator), kept so a route change can
     *     narrow it again (RFC 7296 §2.9); null to inherit it from the SA this one {@code replaces}, or for none
     */
    static Dataplane.ChildSa install(IkeSaTable table, IkeSa sa, EspSelection.Chosen chosen, int ourSpi, byte[] ni,
            byte[] nr, byte[] gir, boolean weInitiatedExchange, List<TrafficSelector> localTs,
            List<TrafficSelector> remoteTs, int replaces, List<TrafficSelector> requested) {
        EspTransform t = chosen.transform();
        ChildSaKeys keys = KeySchedule.childSaKeys(sa.sk.suite().prf(), sa.sk.keys().skD(), gir, ni, nr,
                EncryptionAlgorithm.valueOf(t.encryption().transformId()), t.keyBits(),
                IntegrityAlgorithm.valueOf(t.integrity().transformId()));
        DirectionKeys in = keys.inbound(weInitiatedExchange);
        DirectionKeys out = keys.outbound(weInitiatedExchange);
        EspSaConfig esp = new EspSaConfig(ourSpi, chosen.peerSpi(), t, new EspKeys(in.encryption(), in.integrity()),
                new EspKeys(out.encryption(), out.integrity()), chosen.esn(), table.config().lifetimes().espLimits());
        ChildSaSpec spec = new ChildSaSpec(sa.id(), sa.identity, esp, sa.peer, sa.local, localTs, remoteTs,
                sa.innerAddresses, replaces, PeerMove.followsRebinding(sa));
        Dataplane.ChildSa child = table.dataplane().install(spec);
        sa.children.add(child);
        IkeSa.Selectors old = replaces == 0 ? null : sa.childSelectors.get(replaces);
        List<TrafficSelector> asked = requested != null ? requested : old != null ? old.requested() : localTs;
        sa.childSelectors.put(ourSpi, new IkeSa.Selectors(localTs, remoteTs, asked));
        // Every new Child SA gets its own timers, also one the peer's rekey created (§2.8: each end's schedule).
        sa.childTerms.put(ourSpi, new IkeSa.ChildTerms(chosen.answer().transforms(), chosen.pfsGroup(),
                table.config().lifetimes().childSa().from(table.nowNanos(), table.random()), 0));
        table.counters().count("child_sa_installed");
        return child;
    }
}
