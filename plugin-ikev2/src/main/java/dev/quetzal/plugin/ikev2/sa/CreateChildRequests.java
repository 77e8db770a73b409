package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.DhResult;
import dev.quetzal.plugin.ikev2.crypto.DiffieHellman;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.DeletePayload;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
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
import dev.quetzal.plugin.ikev2.message.Transform;
import dev.quetzal.plugin.ikev2.message.TsPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CREATE_CHILD_SA requests of ours (RFC 7296 §1.3), for Child SAs: another one (§1.3.1) or a rekey (§1.3.3, the old
 * SA is deleted once the new one is installed), with or without PFS; and the dispatch of every answer, IKE SA rekeys
 * included ({@link IkeRekey}).
 */
final class CreateChildRequests {
    /** What our request in flight creates. */
    enum Kind {
        NEW_CHILD,
        REKEY_CHILD,
        REKEY_IKE
    }

    /**
     * Our half of a CREATE_CHILD_SA in flight.
     *
     * @param dh our key exchange, null for a Child SA without PFS
     * @param newEspSpi our inbound SPI of the new Child SA (0 for an IKE SA rekey)
     * @param newIkeSpi our SPI of the new IKE SA (0 for a Child SA)
     * @param rekeyed the Child SA a rekey replaces, null otherwise
     */
    record Pending(Kind kind, byte[] ni, DiffieHellman dh, int newEspSpi, long newIkeSpi, Dataplane.ChildSa rekeyed) {
        @Override
        public String toString() {
            return "Pending[" + kind + (dh == null ? "" : " " + dh.group()) + ", nonce and key exchange hidden]";
        }
    }

    private CreateChildRequests() {
    }

    /** Another Child SA: selectors as in IKE_AUTH, narrowed by the responder. */
    static boolean newChild(IkeSaTable table, IkeSa sa, DhGroup pfs) {
        List<TrafficSelector> all = everything(table);
        List<TrafficSelector> inner = sa.innerAddresses.stream().map(CreateChildRequests::single).toList();
        List<TrafficSelector> tsi = sa.assignsAddresses ? all : inner.isEmpty() ? all : inner;
        List<TrafficSelector> tsr = sa.assignsAddresses && !inner.isEmpty() ? inner : all;
        return send(table, sa, Kind.NEW_CHILD, pfs, null, tsi, tsr, null);
    }

    /** A rekey of {@code child}: N(REKEY_SA) with our inbound SPI and the selectors it has now (§2.8). */
    static boolean rekeyChild(IkeSaTable table, IkeSa sa, Dataplane.ChildSa child, DhGroup pfs) {
        return rekey(table, sa, child, pfs, null, null);
    }

    /**
     * A rekey of {@code child} that proposes exactly its negotiated suite, with a key exchange of its PFS group if
     * it had one (§2.8: the new SA SHOULD NOT have other algorithms than the old one).
     */
    static boolean rekeyAsNegotiated(IkeSaTable table, IkeSa sa, Dataplane.ChildSa child) {
        return rekeyAsNegotiated(table, sa, child, null);
    }

    /**
     * The same rekey proposing {@code local} for our side instead of the installed selectors: as exchange initiator
     * our side is TSi (§2.9), so this is how the gateway offers a client a new route set (null keeps them).
     */
    static boolean rekeyAsNegotiated(IkeSaTable table, IkeSa sa, Dataplane.ChildSa child, List<TrafficSelector> local) {
        IkeSa.ChildTerms terms = sa.childTerms.get(child.inboundSpi());
        if (terms == null) {
            return rekey(table, sa, child, DhGroup.NONE, null, local);
        }
        return rekey(table, sa, child, terms.pfs(), terms.transforms(), local);
    }

    private static boolean rekey(IkeSaTable table, IkeSa sa, Dataplane.ChildSa child, DhGroup pfs,
            List<Transform> sameSuite, List<TrafficSelector> local) {
        IkeSa.Selectors selectors = sa.childSelectors.get(child.inboundSpi());
        if (selectors == null) {
            table.counters().drop("rekey_unknown_child", sa + ": no selectors for the Child SA to rekey");
            return false;
        }
        return send(table, sa, Kind.REKEY_CHILD, pfs, child, local == null ? selectors.local() : local,
                selectors.remote(), sameSuite);
    }

    /** Gives up our request in flight (the IKE SA expires): its SPI goes back, any crossed rekey is forgotten. */
    static void abandon(IkeSaTable table, IkeSa sa) {
        if (sa.pendingCreate != null) {
            table.releaseEspSpi(sa.pendingCreate.newEspSpi());
        }
        sa.pendingCreate = null;
        sa.crossed = null;
        sa.outstanding = null;
    }

    private static boolean send(IkeSaTable table, IkeSa sa, Kind kind, DhGroup pfs, Dataplane.ChildSa rekeyed,
            List<TrafficSelector> tsi, List<TrafficSelector> tsr, List<Transform> sameSuite) {
        int ourSpi = table.newEspSpi();
        byte[] ni = table.randomBytes(InitExchange.NONCE_SIZE);
        DiffieHellman dh = pfs.equals(DhGroup.NONE) ? null : DiffieHellman.generate(pfs, table.random());
        List<IkePayload> payloads = new ArrayList<>();
        if (rekeyed != null) {
            payloads.add(new NotifyPayload(ProtocolId.ESP, ProposalSelector.spiOctets(rekeyed.inboundSpi()),
                    NotifyType.REKEY_SA, Octets.EMPTY));
        }
        payloads.add(sameSuite == null ? table.selector().offerEsp(ourSpi, pfs)
                : new SaPayload(new Proposal(1, ProtocolId.ESP, ProposalSelector.spiOctets(ourSpi), sameSuite)));
        payloads.add(new NoncePayload(Octets.of(ni)));
        if (dh != null) {
            payloads.add(new KePayload(pfs.id(), Octets.of(dh.publicValue())));
        }
        payloads.add(new TsPayload(true, tsi));
        payloads.add(new TsPayload(false, tsr));
        if (!table.sendRequest(sa, ExchangeType.CREATE_CHILD_SA, payloads)) {
            table.releaseEspSpi(ourSpi);
            return false;
        }
        sa.pendingCreate = new Pending(kind, ni, dh, ourSpi, 0, rekeyed);
        return true;
    }

    /** The answer to our CREATE_CHILD_SA: an error notify is counted by name, the new SA is set up otherwise. */
    static void onResponse(IkeSaTable table, IkeSa sa, IkeMessage response) {
        Pending pending = sa.pendingCreate;
        sa.pendingCreate = null;
        if (pending == null) {
            table.counters().drop("unexpected_response", sa + ": CREATE_CHILD_SA answer without a request of ours");
            return;
        }
        Optional<NotifyPayload> error = response.payloadsOf(NotifyPayload.class).stream()
                .filter(NotifyPayload::isError).findFirst();
        if (error.isPresent()) {
            // Our rekey failed; a crossed one of the peer's, if any, simply stands (§2.8.1, §2.8.2).
            sa.crossed = null;
            table.releaseEspSpi(pending.newEspSpi());
            table.counters().drop("create_child_refused_"
                    + NotifyType.name(error.get().notifyType()).toLowerCase(Locale.ROOT), sa + ": " + error.get());
            return;
        }
        if (pending.kind() == Kind.REKEY_IKE) {
            IkeRekey.onResponse(table, sa, pending, response);
            return;
        }
        if (!child(table, sa, pending, response)) {
            sa.crossed = null;
            table.releaseEspSpi(pending.newEspSpi());
        }
    }

    private static boolean child(IkeSaTable table, IkeSa sa, Pending pending, IkeMessage response) {
        Optional<SaPayload> answer = response.first(SaPayload.class);
        Optional<NoncePayload> nonce = response.first(NoncePayload.class);
        Optional<TsPayload> tsi = response.payloadsOf(TsPayload.class).stream().filter(TsPayload::initiator).findFirst();
        Optional<TsPayload> tsr = response.payloadsOf(TsPayload.class).stream().filter(t -> !t.initiator()).findFirst();
        if (answer.isEmpty() || nonce.isEmpty() || tsi.isEmpty() || tsr.isEmpty()) {
            table.counters().drop("child_bad_answer", sa + ": CREATE_CHILD_SA answer without SA, Nr, TSi or TSr");
            return false;
        }
        DhGroup pfs = pending.dh() == null ? DhGroup.NONE : pending.dh().group();
        Optional<EspSelection.Chosen> chosen = table.selector().acceptEsp(answer.get(), pfs);
        if (chosen.isEmpty()) {
            table.counters().drop("child_bad_answer", sa + ": ESP answer is not one of our proposals");
            return false;
        }
        byte[] gir = null;
        if (pending.dh() != null) {
            Optional<KePayload> ke = response.first(KePayload.class);
            if (ke.isEmpty() || ke.get().group() != pfs.id()
                    || !(pending.dh().agree(ke.get().data().toByteArray()) instanceof DhResult.Agreed(byte[] secret))) {
                table.counters().drop("child_bad_answer", sa + ": PFS answer without a valid KE of " + pfs);
                return false;
            }
            gir = secret;
        }
        Dataplane.ChildSa old = pending.rekeyed();
        boolean oldAlive = old != null && sa.children.contains(old);
        byte[] nr = nonce.get().nonce().toByteArray();
        Dataplane.ChildSa created = ChildSas.install(table, sa, chosen.get(), pending.newEspSpi(), pending.ni(), nr,
                gir, true, tsi.get().selectors(), tsr.get().selectors(), oldAlive ? old.inboundSpi() : 0, null);
        IkeSa.Crossed crossed = sa.crossed;
        sa.crossed = null;
        if (crossed != null && crossed.child() != null && old != null) {
            RekeyCollision.childRekeysCrossed(table, sa, old, oldAlive, created, pending.ni(), nr, crossed);
        } else if (oldAlive) {
            // §1.3.3: the new SA carries traffic now; the old one goes once the peer confirms the Delete.
            sa.replacedChildren.add(old.inboundSpi());
            table.counters().count("child_sa_rekeyed");
            table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.esp(old.inboundSpi())));
        }
        return true;
    }

    /** After the answer to our Delete of Child SAs: they are removed on our side too (§1.4.1). */
    static void deleted(IkeSaTable table, IkeSa sa, List<DeletePayload> ours) {
        for (DeletePayload delete : ours) {
            if (delete.protocolId() != ProtocolId.ESP) {
                continue;
            }
            for (Octets spi : delete.spis()) {
                int inbound = (int) spi.toLong();
                sa.children.stream().filter(c -> c.inboundSpi() == inbound).findFirst().ifPresent(child -> {
                    child.remove();
                    sa.forget(child);
                    table.counters().count("child_sa_deleted_by_us");
                });
            }
        }
    }

    private static List<TrafficSelector> everything(IkeSaTable table) {
        List<TrafficSelector> all = new ArrayList<>(List.of(AddressRange.all(AuthChildSa.V4_START, AuthChildSa.V4_END)));
        if (table.config().requestIpv6()) {
            all.add(AddressRange.all(AuthChildSa.V6_START, AuthChildSa.V6_END));
        }
        return all;
    }

    private static TrafficSelector single(IpAddress address) {
        return new AddressRange(TrafficSelector.ANY_PROTOCOL, 0, 0xFFFF, address, address);
    }
}
