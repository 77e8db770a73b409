package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.DhResult;
import dev.quetzal.plugin.ikev2.crypto.DiffieHellman;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.KePayload;
import dev.quetzal.plugin.ikev2.message.NoncePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.Proposal;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import dev.quetzal.plugin.ikev2.message.TransformType;
import dev.quetzal.plugin.ikev2.message.TsPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * CREATE_CHILD_SA requests (RFC 7296 §1.3), responder side: another Child SA (§1.3.1), a Child SA rekey
 * (§1.3.3, N(REKEY_SA) names the old SA) and, handed to {@link IkeRekey}, an IKE SA rekey (§1.3.2). Every
 * refusal is one error notify and changes no state (§2.21.3).
 */
final class CreateChildExchange {
    private CreateChildExchange() {
    }

    static List<IkePayload> respond(IkeSaTable table, IkeSa sa, IkeMessage request) {
        if (sa.superseded) {
            return refuse(table, sa, NotifyType.TEMPORARY_FAILURE, "IKE SA already rekeyed, waiting for its Delete");
        }
        if (sa.deleting) {
            return refuse(table, sa, NotifyType.TEMPORARY_FAILURE, "IKE SA is being deleted");
        }
        Optional<SaPayload> offer = request.first(SaPayload.class);
        Optional<NoncePayload> nonce = request.first(NoncePayload.class);
        if (offer.isEmpty() || nonce.isEmpty()) {
            return refuse(table, sa, NotifyType.INVALID_SYNTAX, "CREATE_CHILD_SA without SA or Ni");
        }
        Optional<KePayload> ke = request.first(KePayload.class);
        if (offer.get().proposals().stream().anyMatch(p -> p.protocolId() == ProtocolId.IKE)) {
            return IkeRekey.respond(table, sa, offer.get(), nonce.get().nonce().toByteArray(), ke);
        }
        return child(table, sa, request, offer.get(), nonce.get().nonce().toByteArray(), ke);
    }

    private static List<IkePayload> child(IkeSaTable table, IkeSa sa, IkeMessage request, SaPayload offer, byte[] ni,
            Optional<KePayload> ke) {
        Dataplane.ChildSa old = null;
        Optional<NotifyPayload> rekey = request.notify(NotifyType.REKEY_SA);
        if (rekey.isPresent()) {
            NotifyPayload n = rekey.get();
            // The SPI is the one the exchange initiator receives with, so ours for sending (§1.3.3).
            Optional<Dataplane.ChildSa> found = n.protocolId() == ProtocolId.ESP && n.spi().length() == 4
                    ? sa.childByOutbound((int) n.spi().toLong()) : Optional.empty();
            if (found.isEmpty()) {
                table.counters().drop("child_refused_child_sa_not_found", sa + ": REKEY_SA for unknown SPI "
                        + n.spi().toHex());
                return List.of(new NotifyPayload(n.protocolId(), n.spi(), NotifyType.CHILD_SA_NOT_FOUND, Octets.EMPTY));
            }
            old = found.get();
            if (sa.replacedChildren.contains(old.inboundSpi())) {
                // §2.25.1: it was already replaced (and its Delete is under way), so a new rekey cannot succeed.
                return refuse(table, sa, NotifyType.TEMPORARY_FAILURE, "Child SA " + n.spi().toHex()
                        + " is already rekeyed or being deleted");
            }
        }
        if (sa.pendingCreate != null && sa.pendingCreate.kind() == CreateChildRequests.Kind.REKEY_IKE) {
            return refuse(table, sa, NotifyType.TEMPORARY_FAILURE, "our IKE SA rekey is in progress");
        }
        Optional<TsPayload> tsi = request.payloadsOf(TsPayload.class).stream().filter(TsPayload::initiator).findFirst();
        Optional<TsPayload> tsr = request.payloadsOf(TsPayload.class).stream().filter(t -> !t.initiator()).findFirst();
        if (tsi.isEmpty() || tsr.isEmpty()) {
            return refuse(table, sa, NotifyType.INVALID_SYNTAX, "Child SA request without TSi or TSr");
        }
        Optional<SaPayload> acceptable = ke.isPresent() ? Optional.of(offer) : withoutPfs(offer);
        if (acceptable.isEmpty()) {
            return refuse(table, sa, NotifyType.NO_PROPOSAL_CHOSEN, "every ESP proposal asks for PFS, no KE payload");
        }
        int ourSpi = table.newEspSpi();
        OptionalInt group = ke.isPresent() ? OptionalInt.of(ke.get().group()) : OptionalInt.empty();
        EspSelection selection = table.selector().selectEsp(acceptable.get(), group, ourSpi);
        if (!(selection instanceof EspSelection.Chosen chosen)) {
            table.releaseEspSpi(ourSpi);
            return selection instanceof EspSelection.InvalidKe invalid
                    ? refuse(table, sa, NotifyPayload.invalidKe(invalid.group()), "KE group " + group.getAsInt()
                            + " is not the chosen " + invalid.group())
                    : refuse(table, sa, NotifyType.NO_PROPOSAL_CHOSEN, "ESP: " + selection);
        }
        List<TrafficSelector> narrowedTsi;
        List<TrafficSelector> narrowedTsr;
        if (sa.assignsAddresses) {
            // The gateway: the client keeps its inner addresses and reaches our routes (§2.9, as in IKE_AUTH).
            narrowedTsi = TrafficSelectors.narrowToAddresses(tsi.get().selectors(), sa.innerAddresses);
            narrowedTsr = TrafficSelectors.narrowToRoutes(tsr.get().selectors(), table.environment().routes());
        } else {
            // The client: the gateway's side as offered, ours narrowed to the addresses we were given.
            narrowedTsi = addressRanges(tsi.get().selectors());
            narrowedTsr = TrafficSelectors.narrowToAddresses(tsr.get().selectors(), sa.innerAddresses);
        }
        if (narrowedTsi.isEmpty() || narrowedTsr.isEmpty()) {
            table.releaseEspSpi(ourSpi);
            return refuse(table, sa, NotifyType.TS_UNACCEPTABLE, "traffic selectors narrow to nothing");
        }
        byte[] gir = null;
        DiffieHellman dh = null;
        if (!chosen.pfsGroup().equals(DhGroup.NONE)) {
            dh = DiffieHellman.generate(chosen.pfsGroup(), table.random());
            if (!(dh.agree(ke.orElseThrow().data().toByteArray()) instanceof DhResult.Agreed(byte[] secret))) {
                table.releaseEspSpi(ourSpi);
                return refuse(table, sa, NotifyType.INVALID_SYNTAX, "peer KE value refused");
            }
            gir = secret;
        }
        byte[] nr = table.randomBytes(InitExchange.NONCE_SIZE);
        Dataplane.ChildSa created = ChildSas.install(table, sa, chosen, ourSpi, ni, nr, gir, false, narrowedTsr,
                narrowedTsi, old == null ? 0 : old.inboundSpi(), old == null ? tsr.get().selectors() : null);
        if (old != null) {
            if (rekeying(sa, old)) {
                // §2.8.1: we are rekeying it too; both exchanges complete and our answer decides which SA stays.
                sa.crossed = new IkeSa.Crossed(ni, nr, created, null);
                table.counters().count("child_rekey_collision");
            }
            sa.replacedChildren.add(old.inboundSpi());
            table.counters().count("child_sa_rekeyed");
        }
        List<IkePayload> reply = new ArrayList<>();
        reply.add(new SaPayload(chosen.answer()));
        reply.add(new NoncePayload(Octets.of(nr)));
        if (dh != null) {
            reply.add(new KePayload(chosen.pfsGroup().id(), Octets.of(dh.publicValue())));
        }
        reply.add(new TsPayload(true, narrowedTsi));
        reply.add(new TsPayload(false, narrowedTsr));
        return reply;
    }

    /** Whether our own request in flight rekeys {@code child} (simultaneous rekey, §2.8.1). */
    private static boolean rekeying(IkeSa sa, Dataplane.ChildSa child) {
        return sa.pendingCreate != null && sa.pendingCreate.rekeyed() == child;
    }

    /**
     * Without a KE payload only proposals that allow no key exchange remain: those without KE transforms or with
     * KE NONE (§1.3.1: the KE payload goes with a proposal that has a KE transform).
     */
    private static Optional<SaPayload> withoutPfs(SaPayload offer) {
        List<Proposal> kept = offer.proposals().stream().filter(p -> p.transformsOf(TransformType.KE).isEmpty()
                || p.transformsOf(TransformType.KE).stream().anyMatch(t -> t.id() == DhGroup.NONE.id())).toList();
        return kept.isEmpty() ? Optional.empty() : Optional.of(new SaPayload(kept));
    }

    private static List<TrafficSelector> addressRanges(List<TrafficSelector> offered) {
        return offered.stream().filter(ts -> ts instanceof AddressRange).toList();
    }

    static List<IkePayload> refuse(IkeSaTable table, IkeSa sa, int notify, String reason) {
        return refuse(table, sa, NotifyPayload.of(notify), reason);
    }

    static List<IkePayload> refuse(IkeSaTable table, IkeSa sa, NotifyPayload notify, String reason) {
        table.counters().drop("child_refused_" + NotifyType.name(notify.notifyType()).toLowerCase(Locale.ROOT),
                sa + ": " + reason);
        return List.of(notify);
    }
}
