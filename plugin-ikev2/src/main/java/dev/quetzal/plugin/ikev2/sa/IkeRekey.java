package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhResult;
import dev.quetzal.plugin.ikev2.crypto.DiffieHellman;
import dev.quetzal.plugin.ikev2.crypto.IkeSaKeys;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.KeySchedule;
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
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * IKE SA rekey (RFC 7296 §1.3.2, §2.18), both roles: a CREATE_CHILD_SA with an IKE proposal carrying the new SPI,
 * a nonce and a KE payload. The new IKE SA gets SKEYSEED = prf(SK_d old, g^ir new | Ni | Nr); the exchange initiator
 * becomes its original initiator, its message IDs start at 0, and the Child SAs move to it. The old SA then only
 * waits for the Delete the rekey initiator sends.
 */
final class IkeRekey {
    private IkeRekey() {
    }

    /** Responder: SA (with our new SPI), Nr, KEr; or one error notify with no state changed. */
    static List<IkePayload> respond(IkeSaTable table, IkeSa sa, SaPayload offer, byte[] ni, Optional<KePayload> ke) {
        boolean crossing = sa.pendingCreate != null && sa.pendingCreate.kind() == CreateChildRequests.Kind.REKEY_IKE;
        if (sa.pendingCreate != null && !crossing) {
            // §2.25.2: an IKE SA rekey crossing a Child SA exchange of ours waits until that one is done.
            return CreateChildExchange.refuse(table, sa, NotifyType.TEMPORARY_FAILURE,
                    "IKE SA rekey while our " + sa.pendingCreate.kind() + " is in flight");
        }
        if (!sa.replacedChildren.isEmpty()) {
            return CreateChildExchange.refuse(table, sa, NotifyType.TEMPORARY_FAILURE,
                    "IKE SA rekey while a Child SA rekey waits for its Delete");
        }
        if (ke.isEmpty()) {
            return CreateChildExchange.refuse(table, sa, NotifyType.INVALID_SYNTAX, "IKE SA rekey without KE");
        }
        long ourSpi = table.newIkeSpi();
        IkeSelection selection = table.selector().selectIke(offer, ke.get().group(), spiOctets(ourSpi));
        if (selection instanceof IkeSelection.NoProposal none) {
            return CreateChildExchange.refuse(table, sa, NotifyType.NO_PROPOSAL_CHOSEN, "IKE: " + none.reason());
        }
        if (selection instanceof IkeSelection.InvalidKe invalid) {
            return CreateChildExchange.refuse(table, sa, NotifyPayload.invalidKe(invalid.group()),
                    "KE group " + ke.get().group() + " is not the chosen " + invalid.group());
        }
        IkeSelection.Chosen chosen = (IkeSelection.Chosen) selection;
        Optional<Proposal> offered = offer.proposals().stream()
                .filter(p -> p.number() == chosen.answer().number() && p.protocolId() == ProtocolId.IKE).findFirst();
        long peerSpi = offered.map(p -> p.spi().length() == 8 ? p.spi().toLong() : 0L).orElse(0L);
        if (peerSpi == 0) {
            return CreateChildExchange.refuse(table, sa, NotifyType.INVALID_SYNTAX, "IKE proposal without an 8-octet SPI");
        }
        IkeSuite suite = chosen.suite();
        DiffieHellman dh = DiffieHellman.generate(suite.group(), table.random());
        if (!(dh.agree(ke.get().data().toByteArray()) instanceof DhResult.Agreed(byte[] gir))) {
            return CreateChildExchange.refuse(table, sa, NotifyType.INVALID_SYNTAX, "peer KE value refused");
        }
        byte[] nr = table.randomBytes(InitExchange.NONCE_SIZE);
        IkeSa next = successor(table, sa, suite, gir, ni, nr, false, peerSpi, ourSpi);
        inherit(table, sa, next);
        table.register(next, false);
        if (crossing) {
            // §2.8.2: both ends rekey the IKE SA; both exchanges complete and our answer decides which SA stays.
            sa.crossed = new IkeSa.Crossed(ni, nr, null, next);
            table.counters().count("ike_rekey_collision");
        }
        return List.of(new SaPayload(chosen.answer()), new NoncePayload(Octets.of(nr)),
                new KePayload(suite.group().id(), Octets.of(dh.publicValue())));
    }

    /** Initiator: our IKE offer with a new SPI, Ni and KEi of the current group (the peer accepted it before). */
    static boolean request(IkeSaTable table, IkeSa sa) {
        long ourSpi = table.newIkeSpi();
        DiffieHellman dh = DiffieHellman.generate(sa.sk.suite().group(), table.random());
        byte[] ni = table.randomBytes(InitExchange.NONCE_SIZE);
        List<IkePayload> payloads = List.of(table.selector().offerIke(spiOctets(ourSpi)), new NoncePayload(Octets.of(ni)),
                new KePayload(dh.group().id(), Octets.of(dh.publicValue())));
        if (!table.sendRequest(sa, ExchangeType.CREATE_CHILD_SA, payloads)) {
            return false;
        }
        sa.pendingCreate = new CreateChildRequests.Pending(CreateChildRequests.Kind.REKEY_IKE, ni, dh, 0, ourSpi, null);
        return true;
    }

    /** Initiator: sets up the new IKE SA from the answer and deletes the old one; false (counted) if unusable. */
    static boolean onResponse(IkeSaTable table, IkeSa sa, CreateChildRequests.Pending pending, IkeMessage response) {
        IkeSa.Crossed crossed = sa.crossed;
        sa.crossed = null;
        Optional<SaPayload> answer = response.first(SaPayload.class);
        Optional<NoncePayload> nonce = response.first(NoncePayload.class);
        Optional<KePayload> ke = response.first(KePayload.class);
        if (answer.isEmpty() || nonce.isEmpty() || ke.isEmpty() || ke.get().group() != pending.dh().group().id()) {
            table.counters().drop("ike_rekey_bad_answer", sa + ": IKE SA rekey answer without SA, Nr or our KE group");
            return false;
        }
        Optional<IkeSuite> suite = table.selector().acceptIke(answer.get(), pending.dh().group().id());
        Octets peerSpi = answer.get().proposals().getFirst().spi();
        if (suite.isEmpty() || peerSpi.length() != 8 || peerSpi.toLong() == 0) {
            table.counters().drop("ike_rekey_bad_answer", sa + ": IKE SA rekey answer is not one of our proposals");
            return false;
        }
        if (!(pending.dh().agree(ke.get().data().toByteArray()) instanceof DhResult.Agreed(byte[] gir))) {
            table.counters().drop("ike_rekey_bad_answer", sa + ": responder KE value refused");
            return false;
        }
        byte[] nr = nonce.get().nonce().toByteArray();
        IkeSa next = successor(table, sa, suite.get(), gir, pending.ni(), nr, true, pending.newIkeSpi(),
                peerSpi.toLong());
        if (crossed != null && crossed.ikeSa() != null) {
            return crossedResponse(table, sa, next, crossed.ikeSa(),
                    RekeyCollision.oursRedundant(pending.ni(), nr, crossed));
        }
        inherit(table, sa, next);
        table.register(next, false);
        table.sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.ikeSa()));
        return true;
    }

    /**
     * Our IKE SA rekey completed after we answered the peer's ({@code theirs} is the SA that created). §2.8.2: the
     * new SA with the lowest nonce is deleted by its initiator; the other inherits the Child SAs, and its initiator
     * deletes the old IKE SA.
     */
    private static boolean crossedResponse(IkeSaTable table, IkeSa old, IkeSa ours, IkeSa theirs,
            boolean oursRedundant) {
        if (oursRedundant) {
            table.counters().count("ike_rekey_collision_redundant");
            // Ours never carries anything: retired once the peer answers our Delete; the peer deletes the old SA.
            ours.superseded = true;
            ours.supersededNanos = table.nowNanos();
            ours.successor = theirs;
            table.register(ours, true);
            table.sendRequest(ours, ExchangeType.INFORMATIONAL, List.of(DeletePayload.ikeSa()));
            return true;
        }
        table.counters().count("ike_rekey_collision_survived");
        synchronized (theirs) {
            // The peer's new SA gave everything it inherited to ours; the peer deletes it, and it retires quietly.
            inherit(table, theirs, ours);
        }
        old.successor = ours;
        table.register(ours, false);
        table.sendRequest(old, ExchangeType.INFORMATIONAL, List.of(DeletePayload.ikeSa()));
        return true;
    }

    /**
     * The new IKE SA of a rekey, keyed (§2.18) and established, with the peer's identity and capabilities but no Child
     * SAs yet, and its own lifetime timers.
     *
     * @param weInitiated whether we sent the rekey request: we are then the new SA's original initiator (§2.18)
     */
    private static IkeSa successor(IkeSaTable table, IkeSa old, IkeSuite suite, byte[] gir, byte[] ni, byte[] nr,
            boolean weInitiated, long spiI, long spiR) {
        IkeSaKeys keys = KeySchedule.rekeyedIkeSaKeys(suite, old.sk.suite().prf(), old.sk.keys().skD(), gir, ni, nr,
                spiI, spiR);
        IkeSa next = new IkeSa(weInitiated, old.assignsAddresses, old.id, spiI, spiR, old.peer, old.local,
                table.nowNanos());
        next.sk = new SkProtection(suite, keys, weInitiated, table.random());
        next.ni = ni;
        next.nr = nr;
        next.identity = old.identity;
        next.peerFragmentation = old.peerFragmentation;
        next.peerBehindNat = old.peerBehindNat;
        next.mobike = old.mobike;
        next.peerSignatureHashes = old.peerSignatureHashes;
        next.peerSignatureHashesSent = old.peerSignatureHashesSent;
        next.state = IkeSa.State.ESTABLISHED;
        next.deadline = table.config().lifetimes().ikeSa().from(table.nowNanos(), table.random());
        // §2.8.3: a rekey does not authenticate the peer again.
        next.reauthDeadlineNanos = old.reauthDeadlineNanos;
        return next;
    }

    /** Moves children (with their timers), addresses and pending Deletes to {@code next}; {@code from} is superseded. */
    private static void inherit(IkeSaTable table, IkeSa from, IkeSa next) {
        next.innerAddresses.addAll(from.innerAddresses);
        next.dnsServers.addAll(from.dnsServers);
        next.children.addAll(from.children);
        next.childSelectors.putAll(from.childSelectors);
        next.childTerms.putAll(from.childTerms);
        next.replacedChildren.addAll(from.replacedChildren);
        next.expiredChildren.addAll(from.expiredChildren);
        next.routePushPending = from.routePushPending;
        next.routePushSettled.addAll(from.routePushSettled);
        next.routePushes = from.routePushes;
        // The old SA keeps nothing that its removal could release or remove (§2.18: the children survive it).
        from.innerAddresses.clear();
        from.children.clear();
        from.childSelectors.clear();
        from.childTerms.clear();
        from.replacedChildren.clear();
        from.expiredChildren.clear();
        from.routePushPending = false;
        from.routePushSettled.clear();
        from.successor = next;
        from.superseded = true;
        from.supersededNanos = table.nowNanos();
    }

    private static Octets spiOctets(long spi) {
        return Octets.of(ByteBuffer.allocate(8).putLong(spi).array());
    }
}
