package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.DeletePayload;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every IKE SA of one engine and the message flow between them and the wire (RFC 7296 §2.1, §2.2): dispatch by SPI,
 * half-open SAs by (peer, SPIi), window size 1 with cached responses, retransmission of our requests, timeouts.
 * Role-neutral: {@link #initiate} starts an SA as initiator. Each SA is handled under its own lock.
 */
public final class IkeSaTable {
    private static final Logger LOG = LoggerFactory.getLogger(IkeSaTable.class);
    /** RFC 7296 §2.1: retransmit after 0.5 s, doubling, 5 tries in all. */
    static final long RETRANSMIT_NANOS = 500_000_000L;
    static final int MAX_TRIES = 5;
    static final long HALF_OPEN_NANOS = 30_000_000_000L;
    /** How long a rekeyed IKE SA waits for the Delete that ends it (RFC 7296 §2.18). */
    static final long SUPERSEDED_NANOS = 60_000_000_000L;

    private final IkeSaConfig config;
    private final ProposalSelector selector;
    private final IkeTransport transport;
    private final Dataplane dataplane;
    private final IkeEnvironment environment;
    private final SecureRandom random;
    private final LongSupplier clock;
    private final FragmentationHook fragmentation;
    private final Counters counters = new Counters();
    private final UnprotectedReplies unprotected;
    private final HalfOpenLimiter limiter;
    private final ConcurrentHashMap<Long, IkeSa> bySpi = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, IkeSa> halfOpen = new ConcurrentHashMap<>();
    private final Set<Integer> espSpis = ConcurrentHashMap.newKeySet();

    public IkeSaTable(IkeSaConfig config, IkeTransport transport, Dataplane dataplane, IkeEnvironment environment,
            SecureRandom random, LongSupplier nanoClock, FragmentationHook fragmentation) {
        this.config = config;
        this.selector = new ProposalSelector(config.policy());
        this.transport = transport;
        this.dataplane = dataplane;
        this.environment = environment;
        this.random = random;
        this.clock = nanoClock;
        this.fragmentation = fragmentation;
        this.unprotected = new UnprotectedReplies(transport, counters, nanoClock);
        this.limiter = new HalfOpenLimiter(config.dos(), new CookieChallenge(random, nanoClock), unprotected, counters,
                nanoClock);
    }

    IkeSaConfig config() {
        return config;
    }

    ProposalSelector selector() {
        return selector;
    }

    Dataplane dataplane() {
        return dataplane;
    }

    IkeEnvironment environment() {
        return environment;
    }

    SecureRandom random() {
        return random;
    }

    public Counters counters() {
        return counters;
    }

    long nowNanos() {
        return clock.getAsLong();
    }

    byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    long newIkeSpi() {
        long spi;
        do {
            spi = random.nextLong();
        } while (spi == 0 || bySpi.containsKey(spi));
        return spi;
    }

    /** Gives back an inbound ESP SPI that no Child SA got. */
    void releaseEspSpi(int spi) {
        espSpis.remove(spi);
    }

    /**
     * Adds the successor of a rekeyed IKE SA (RFC 7296 §2.18), fully set up, under its new SPI; {@code redundant} for
     * the loser of a simultaneous rekey (§2.8.2), which only waits for its Delete.
     */
    void register(IkeSa successor, boolean redundant) {
        bySpi.put(successor.localSpi(), successor);
        if (redundant) {
            counters.count("ike_sa_redundant");
            return;
        }
        counters.count("ike_sa_rekeyed");
        LOG.info("IKE SA {} rekeyed: {} from {}, SPIs {}/{}, suite {}", successor.id(), successor.identity,
                successor.peer, Long.toHexString(successor.spiI), Long.toHexString(successor.spiR), successor.suiteName());
    }

    /** A fresh inbound ESP SPI, never 0-255 (RFC 4303 §2.1) and unique in this engine. */
    int newEspSpi() {
        int spi;
        do {
            spi = random.nextInt();
        } while (Integer.compareUnsigned(spi, 256) < 0 || !espSpis.add(spi));
        return spi;
    }

    /** The SA with our SPI {@code localSpi}, if any. */
    public Optional<IkeSa> find(long localSpi) {
        return Optional.ofNullable(bySpi.get(localSpi));
    }

    public List<IkeSa> all() {
        return List.copyOf(bySpi.values());
    }

    /** One received datagram; never throws on bad input. */
    public void receive(byte[] data, int offset, int length, InetSocketAddress peer, InetSocketAddress local) {
        DecodeResult decoded = IkeMessage.decode(data, offset, length);
        if (!(decoded instanceof DecodeResult.Error error)) {
            received((DecodeResult.Ok) decoded, peer, local);
        } else {
            unprotected.undecodable(error, length, peer, local);
        }
    }

    private void received(DecodeResult.Ok ok, InetSocketAddress peer, InetSocketAddress local) {
        IkeHeader h = ok.message().header();
        byte[] raw = ok.raw().toByteArray();
        if (h.exchangeType() == ExchangeType.IKE_SA_INIT && !h.response()) {
            initRequest(ok, raw, peer, local);
            return;
        }
        // The I flag tells who sent it: from the original initiator means our SPI is SPIr (RFC 7296 §3.1).
        IkeSa sa = bySpi.get(h.initiator() ? h.responderSpi() : h.initiatorSpi());
        if (sa == null) {
            unprotected.unknownSpi(h, peer, local);
            return;
        }
        synchronized (sa) {
            if (sa.state == IkeSa.State.CLOSED) {
                counters.drop("closed_sa", peer + ": " + h);
            } else if (h.response()) {
                ResponseHandler.handle(this, sa, ok, raw, peer);
            } else {
                request(sa, ok, raw, peer, local);
            }
        }
    }

    private void initRequest(DecodeResult.Ok ok, byte[] raw, InetSocketAddress peer, InetSocketAddress local) {
        IkeHeader h = ok.message().header();
        if (h.responderSpi() != 0 || h.messageId() != 0) {
            counters.drop("init_bad_header", peer + ": " + h);
            return;
        }
        String key = peer + "/" + Long.toHexString(h.initiatorSpi());
        IkeSa existing = halfOpen.get(key);
        if (existing != null) {
            synchronized (existing) {
                if (MessageDigest.isEqual(existing.lastRequestHash, sha256(raw))) {
                    counters.count("init_retransmit_answered");
                    send(existing, existing.initResponse);
                } else {
                    counters.drop("init_retransmit_mismatch", peer + ": another IKE_SA_INIT with the same SPIi");
                }
            }
            return;
        }
        if (ok.message().unsupportedCriticalType().isPresent()) {
            unprotected.unsupportedCritical(h, ok.message().unsupportedCriticalType().getAsInt(), peer, local);
            return;
        }
        if (!limiter.admits(ok.message(), peer, local, halfOpen.size())) {
            return;
        }
        switch (InitExchange.respond(this, ok.message(), raw, peer, local)) {
            case InitExchange.Outcome.Accepted accepted -> {
                IkeSa sa = accepted.sa();
                sa.lastRequestHash = sha256(raw);
                halfOpen.put(key, sa);
                bySpi.put(sa.localSpi(), sa);
                counters.count("ike_sa_init_answered");
                send(sa, accepted.response());
            }
            case InitExchange.Outcome.Refused refused -> unprotected.refuseInit(h, refused.answer(), refused.reason(), peer,
                    local);
            case InitExchange.Outcome.Dropped dropped -> counters.drop(dropped.counter(), peer + ": " + dropped.reason());
        }
    }

    /** Responder IKE SAs waiting for IKE_AUTH. */
    public int halfOpenCount() {
        return halfOpen.size();
    }

    /** IKE_AUTH succeeded: the SA is no longer half-open. */
    void authenticated(IkeSa sa) {
        halfOpen.values().remove(sa);
    }

    private void request(IkeSa sa, DecodeResult.Ok ok, byte[] raw, InetSocketAddress peer, InetSocketAddress local) {
        IkeHeader h = ok.message().header();
        if (h.messageId() == sa.nextPeerRequestId - 1 && sa.lastResponse != null) {
            // RFC 7296 §2.1: a retransmission gets the cached response, but only for the very same request.
            if (MessageDigest.isEqual(sa.lastRequestHash, sha256(raw))) {
                counters.count("retransmit_answered");
                transport.send(sa.lastResponse, 0, sa.lastResponse.length, sa.local, peer);
            } else {
                counters.drop("retransmit_mismatch", sa + ": request #" + h.messageId() + " differs from the answered one");
            }
            return;
        }
        if (h.messageId() != sa.nextPeerRequestId) {
            counters.drop("message_id_outside_window", sa + ": request #" + h.messageId() + ", expected #"
                    + sa.nextPeerRequestId);
            return;
        }
        Optional<IkeMessage> inner = open(sa, ok);
        if (inner.isEmpty()) {
            return;
        }
        if (!local.equals(sa.local)) {
            // RFC 7296 §2.23: after the float to the NAT-T port we answer, and carry ESP, from the port the peer now uses.
            sa.local = local;
        }
        IkeMessage message = inner.get();
        boolean wasEstablished = sa.state == IkeSa.State.ESTABLISHED;
        if (wasEstablished) {
            PeerMove.authenticated(this, sa, peer);
        }
        Optional<RequestHandler.Reply> handled = RequestHandler.handle(this, sa, h, message, peer);
        if (handled.isEmpty()) {
            return;
        }
        List<IkePayload> reply = handled.get().payloads();
        boolean closeAfter = handled.get().closeAfter();
        if (!wasEstablished && sa.state == IkeSa.State.ESTABLISHED) {
            PeerMove.floated(this, sa, peer);
        }
        byte[] wire = sa.sk.seal(sa.header(h.exchangeType(), true, h.messageId()), reply);
        sa.lastResponse = wire;
        sa.lastRequestHash = sha256(raw);
        sa.nextPeerRequestId++;
        // RFC 7296 §2.11: a response goes where its request came from, moved or not (a MOBIKE path test, RFC 4555
        // §3.4, comes from an address the SA does not use yet).
        sendProtected(sa, peer, sa.header(h.exchangeType(), true, h.messageId()), reply, wire);
        if (closeAfter) {
            remove(sa, h.exchangeType() == ExchangeType.IKE_AUTH ? "authentication failed" : "deleted by peer");
        }
    }

    /** Decrypts SK (or hands SKF to the fragment hook); empty after counting why the message was dropped. */
    Optional<IkeMessage> open(IkeSa sa, DecodeResult.Ok ok) {
        if (sa.sk == null) {
            counters.drop("no_keys", sa + ": protected message before IKE_SA_INIT completed");
            return Optional.empty();
        }
        IkeMessage message = ok.message();
        Optional<DecodeResult> inner;
        if (!message.payloads().isEmpty() && message.payloads().getLast().type() == PayloadType.SKF) {
            if (!fragmentation.supported()) {
                counters.drop("skf_unsupported", sa + ": IKE fragment without a reassembler");
                return Optional.empty();
            }
            inner = fragmentation.reassemble(sa, ok);
            if (inner.isEmpty()) {
                return Optional.empty();
            }
        } else if (SkProtection.hasSk(message)) {
            inner = sa.sk.open(ok);
            if (inner.isEmpty()) {
                counters.drop("integrity_failure", sa + ": SK payload does not verify");
                return Optional.empty();
            }
        } else {
            counters.drop("not_protected", sa + ": " + message.header() + " without SK");
            return Optional.empty();
        }
        if (!(inner.get() instanceof DecodeResult.Ok innerOk)) {
            counters.drop("malformed_inner", sa + ": " + inner.get());
            return Optional.empty();
        }
        sa.lastHeardNanos = nowNanos();
        return Optional.of(innerOk.message());
    }

    /** Starts an IKE SA as initiator with our first suite's group; the exchange continues on receive and tick. */
    public IkeSa initiate(InetSocketAddress peer, InetSocketAddress local) {
        IkeSa sa = new IkeSa(true, newIkeSpi(), 0, peer, local, nowNanos());
        bySpi.put(sa.localSpi(), sa);
        synchronized (sa) {
            startInit(sa, config.policy().suites().getFirst().group());
        }
        return sa;
    }

    void startInit(IkeSa sa, DhGroup group) {
        byte[] wire = InitExchange.request(this, sa, group);
        sa.outstanding = new IkeSa.OutstandingRequest(0, ExchangeType.IKE_SA_INIT, wire, List.of(), nowNanos(), 1);
        sa.nextOwnRequestId = 1;
        send(sa, wire);
    }

    /** Sends a protected request of ours; window size 1, so only when nothing is outstanding. */
    boolean sendRequest(IkeSa sa, int exchangeType, List<IkePayload> inner) {
        if (sa.outstanding != null) {
            counters.drop("request_window_full", sa + ": " + ExchangeType.name(exchangeType) + " while one is outstanding");
            return false;
        }
        long id = sa.nextOwnRequestId++;
        IkeHeader header = sa.header(exchangeType, false, id);
        byte[] wire = sa.sk.seal(header, inner);
        sa.outstanding = new IkeSa.OutstandingRequest(id, exchangeType, wire, inner, nowNanos(), 1);
        sendProtected(sa, sa.peer, header, inner, wire);
        return true;
    }

    /** Sends an INFORMATIONAL liveness check (RFC 7296 §1.4: an empty request). */
    public boolean checkLiveness(IkeSa sa) {
        synchronized (sa) {
            return sa.state == IkeSa.State.ESTABLISHED && sendRequest(sa, ExchangeType.INFORMATIONAL, List.of());
        }
    }

    /** A verified ESP packet moved the peer of IKE SA {@code id} (its current SA): {@link PeerMove#fromEsp}. */
    public void espPeerMoved(String id, InetSocketAddress peer) {
        bySpi.values().stream().filter(sa -> sa.id.equals(id)).forEach(sa -> PeerMove.fromEsp(this, sa, peer));
    }

    /** Initiator: our address is now {@code local}; {@link Mobike#update} tells the responder (RFC 4555 §3.5). */
    public boolean updateAddresses(IkeSa sa, InetSocketAddress local) {
        return Mobike.update(this, sa, local);
    }

    /** Asks the peer to delete the IKE SA (RFC 7296 §1.4.1); it ends when the response arrives or retries run out. */
    public boolean delete(IkeSa sa) {
        synchronized (sa) {
            boolean sent = sa.state == IkeSa.State.ESTABLISHED
                    && sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.ikeSa()));
            sa.deleting |= sent;
            return sent;
        }
    }

    /**
     * Creates another Child SA (RFC 7296 §1.3.1), {@code pfs} {@link DhGroup#NONE} for no key exchange; false when
     * the SA is not established or a request is outstanding.
     */
    public boolean createChild(IkeSa sa, DhGroup pfs) {
        synchronized (sa) {
            return usable(sa) && CreateChildRequests.newChild(this, sa, pfs);
        }
    }

    /** Rekeys one of the SA's Child SAs (RFC 7296 §1.3.3); the old one is deleted once the new one is up. */
    public boolean rekeyChild(IkeSa sa, Dataplane.ChildSa child, DhGroup pfs) {
        synchronized (sa) {
            return usable(sa) && sa.children.contains(child) && !sa.replacedChildren.contains(child.inboundSpi())
                    && CreateChildRequests.rekeyChild(this, sa, child, pfs);
        }
    }

    /** Rekeys the IKE SA (RFC 7296 §1.3.2); the Child SAs move to the new one and the old one is deleted. */
    public boolean rekeyIke(IkeSa sa) {
        synchronized (sa) {
            return usable(sa) && IkeRekey.request(this, sa);
        }
    }

    /**
     * The route set changed: every established gateway-side IKE SA narrows each Child SA's original request again
     * (RFC 7296 §2.9) and rekeys those whose selectors differ ({@link RoutePush}), now if its window is free, else
     * after the exchange in progress (on a later tick).
     */
    public void routesChanged() {
        RoutePush.routesChanged(this, bySpi.values());
    }

    /** Established, current and with a free request window: a new exchange of ours may start. */
    static boolean usable(IkeSa sa) {
        return sa.state == IkeSa.State.ESTABLISHED && !sa.superseded && !sa.deleting && sa.outstanding == null;
    }

    /** Retransmissions with backoff, dead peers, half-open and superseded timeouts, lifetimes and rekeys (SaTimers). */
    public void tick(long nowNanos) {
        for (IkeSa sa : bySpi.values()) {
            synchronized (sa) {
                SaTimers.tick(this, sa, nowNanos);
            }
        }
        limiter.tick(nowNanos, halfOpen.size());
    }

    /** IKE SA and Child SA timers held by the SAs in the table (a delete must not leave any behind). */
    int timerCount() {
        int n = 0;
        for (IkeSa sa : bySpi.values()) {
            synchronized (sa) {
                n += (sa.deadline == null ? 0 : 1) + sa.childTerms.size();
            }
        }
        return n;
    }

    /** Sends a Delete for every established IKE SA (best effort, once) and forgets all of them. */
    public void closeAll() {
        for (IkeSa sa : bySpi.values()) {
            synchronized (sa) {
                if (sa.state == IkeSa.State.ESTABLISHED) {
                    sa.outstanding = null;
                    sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(DeletePayload.ikeSa()));
                }
                remove(sa, "closed");
            }
        }
    }

    void established(IkeSa sa) {
        sa.deadline = config.lifetimes().ikeSa().from(nowNanos(), random);
        counters.count("ike_sa_established");
        LOG.info("IKE SA {} established: {} from {} ({}), suite {}", sa.id(), sa.identity, sa.peer,
                sa.originalInitiator ? "we initiated" : "we responded", sa.suiteName());
    }

    void remove(IkeSa sa, String reason) {
        boolean wasEstablished = sa.state == IkeSa.State.ESTABLISHED;
        sa.state = IkeSa.State.CLOSED;
        sa.outstanding = null;
        sa.crossed = null;
        sa.deadline = null;
        sa.removeChildren();
        if (sa.assignsAddresses) {
            sa.innerAddresses.forEach(environment::release);
        }
        sa.innerAddresses.clear();
        bySpi.remove(sa.localSpi(), sa);
        halfOpen.values().remove(sa);
        if (wasEstablished && sa.superseded) {
            counters.count("ike_sa_retired");
            LOG.debug("IKE SA {} (SPIs {}/{}) retired after its rekey ({})", sa.id(), Long.toHexString(sa.spiI),
                    Long.toHexString(sa.spiR), reason);
        } else if (wasEstablished) {
            counters.count("ike_sa_deleted");
            LOG.info("IKE SA {} deleted: {} from {}, suite {} ({})", sa.id(), sa.identity, sa.peer, sa.suiteName(),
                    reason);
        }
    }

    void send(IkeSa sa, byte[] wire) {
        transport.send(wire, 0, wire.length, sa.local, sa.peer);
    }

    private void sendProtected(IkeSa sa, InetSocketAddress to, IkeHeader header, List<IkePayload> inner, byte[] wire) {
        List<byte[]> datagrams = sa.peerFragmentation ? fragmentation.fragment(sa, header, inner, wire) : List.of(wire);
        for (byte[] datagram : datagrams) {
            transport.send(datagram, 0, datagram.length, sa.local, to);
        }
    }

    /** Counters and one entry per IKE SA; no secrets. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("counters", counters.snapshot());
        out.put("dos", limiter.status(halfOpen.size()));
        List<Map<String, Object>> sas = new ArrayList<>();
        for (IkeSa sa : bySpi.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", sa.id());
            entry.put("state", sa.state.name());
            entry.put("role", sa.originalInitiator ? "initiator" : "responder");
            entry.put("peer", String.valueOf(sa.peer));
            entry.put("mobike", sa.mobike);
            entry.put("identity", sa.identity);
            entry.put("suite", sa.suiteName());
            entry.put("childSas", sa.children.size());
            sas.add(entry);
        }
        out.put("ikeSas", sas);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
