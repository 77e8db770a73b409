package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.auth.SignatureHash;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.DiffieHellman;
import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.Transform;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state of one IKE SA, role-neutral (RFC 7296 §2): SPIs, keys, nonces, the raw IKE_SA_INIT messages that AUTH
 * signs, both message-ID windows (§2.2, window size 1) and the Child SAs. Every field is used under the SA's own
 * lock, held by {@link IkeSaTable} while a message or tick is handled.
 */
public final class IkeSa {
    /** Where the IKE SA stands. */
    public enum State {
        /** Initiator: IKE_SA_INIT request sent. */
        INIT_SENT,
        /** Responder: IKE_SA_INIT answered, waiting for IKE_AUTH (half-open). Initiator: IKE_AUTH sent. */
        AUTHENTICATING,
        ESTABLISHED,
        /** Gone: deleted, failed or timed out. */
        CLOSED
    }

    final boolean originalInitiator;
    /** Whether we handed out the peer's inner addresses (the gateway side); kept across an IKE SA rekey. */
    final boolean assignsAddresses;
    /** {@link #id()}: the first IKE SA's SPIi, kept by its successors so the data plane groups them as one. */
    final String id;
    final long spiI;
    long spiR;
    State state;
    InetSocketAddress peer;
    /** Our address and port: follows the port the peer's protected requests arrive on (NAT-T float, RFC 7296 §2.23). */
    InetSocketAddress local;
    final long createdNanos;
    /** When a protected message from the peer last verified, 0 if none (RFC 7296 §2.4, {@link DeadPeerDetection}). */
    long lastHeardNanos;

    SkProtection sk;
    DiffieHellman dh;
    byte[] ni;
    byte[] nr;
    /** Raw IKE_SA_INIT request and response exactly as on the wire (RFC 7296 §2.15). */
    byte[] initRequest;
    byte[] initResponse;
    List<SignatureHash> peerSignatureHashes = List.of();
    boolean peerSignatureHashesSent;
    boolean peerFragmentation;
    /** NAT detection (RFC 7296 §2.23) found a NAT in front of the peer; a MOBIKE update detects it again. */
    boolean peerBehindNat;
    /** Both ends sent MOBIKE_SUPPORTED in IKE_AUTH (RFC 4555 §3.1): only UPDATE_SA_ADDRESSES moves the peer. */
    boolean mobike;
    /** Initiator: the COOKIE2 of our UPDATE_SA_ADDRESSES in flight (RFC 4555 §3.6), null when none. */
    byte[] cookie2;
    /** SHA-1 CA key hashes of the peer's CERTREQ (RFC 7296 §3.7), for choosing our chain. */
    List<byte[]> peerCaHashes = List.of();
    /** Initiator: COOKIE answers to our IKE_SA_INIT we followed (RFC 7296 §2.6). */
    int cookiesReturned;
    /** Initiator: the SPI of the Child SA our IKE_AUTH request proposes. */
    int pendingChildSpi;
    String identity = "";
    final List<IpAddress> innerAddresses = new ArrayList<>();
    /** Initiator: the DNS servers the responder's CFG_REPLY offered (RFC 7296 §3.15.1). */
    final List<IpAddress> dnsServers = new CopyOnWriteArrayList<>();
    final List<Dataplane.ChildSa> children = new ArrayList<>();
    /** The agreed selectors of each Child SA by our inbound SPI, proposed again when we rekey it (§2.8). */
    final Map<Integer, Selectors> childSelectors = new HashMap<>();
    /** Our inbound SPIs of Child SAs already replaced by a rekey, waiting for their Delete (§2.25). */
    final Set<Integer> replacedChildren = new HashSet<>();
    /** What a rekey of each Child SA proposes again and when it expires, by our inbound SPI (§2.8). */
    final Map<Integer, ChildTerms> childTerms = new HashMap<>();
    /** Our inbound SPIs of Child SAs that reached their hard lifetime; their Delete waits for a free window. */
    final List<Integer> expiredChildren = new ArrayList<>();
    /** When this IKE SA is rekeyed and when it expires; null before it is established. */
    SaLifetimes.Deadline deadline;
    /**
     * Gateway side with a reauthentication lifetime: when the IKE SA is deleted unless the client authenticated again
     * (a new IKE SA, RFC 7296 §2.8.3); null for never. An IKE SA rekey keeps it ({@link Reauthentication}).
     */
    Long reauthDeadlineNanos;
    /** No time-based rekey of this IKE SA before this (after an attempt that did not replace it). */
    long rekeyNotBeforeNanos;
    /** Set once our Delete of this IKE SA is under way: rekey requests then get TEMPORARY_FAILURE (§2.25). */
    boolean deleting;
    /** Our CREATE_CHILD_SA request in flight, null when none (§1.3). */
    CreateChildRequests.Pending pendingCreate;
    /** The peer's rekey that crossed our rekey request of the same SA (§2.8.1, §2.8.2), null when none. */
    Crossed crossed;
    /** Set by a route change until every Child SA has the new narrowing, or it was settled (RoutePush). */
    boolean routePushPending;
    /** Our inbound SPIs of Child SAs not to push again until the next route change (empty narrowing). */
    final Set<Integer> routePushSettled = new HashSet<>();
    /** Route pushes started since the last route change, bounded by RoutePush. */
    int routePushes;
    /** Set when an IKE SA rekey moved everything to a successor (§2.18), with the time it happened. */
    boolean superseded;
    long supersededNanos;
    /** The IKE SA that replaced this one, null while current; a NAT move seen on the old SA is passed on to it. */
    IkeSa successor;

    // Responder window: the next request ID we expect, and the response to the previous one.
    long nextPeerRequestId;
    byte[] lastResponse;
    byte[] lastRequestHash;

    // Initiator window: our next request ID and the one outstanding request.
    long nextOwnRequestId;
    OutstandingRequest outstanding;

    /** A request of ours waiting for its response (RFC 7296 §2.1, retransmitted by {@link IkeSaTable#tick}). */
    record OutstandingRequest(long messageId, int exchangeType, byte[] wire, List<IkePayload> inner, long sentNanos,
            int tries) {
        OutstandingRequest retried(long nowNanos) {
            return new OutstandingRequest(messageId, exchangeType, wire, inner, nowNanos, tries + 1);
        }
    }

    /**
     * One Child SA's negotiated suite (its proposal transforms, KE included when PFS was used) and its lifetime.
     *
     * @param notBeforeNanos no rekey attempt before this (set after an attempt that did not replace the SA)
     */
    record ChildTerms(List<Transform> transforms, DhGroup pfs, SaLifetimes.Deadline deadline, long notBeforeNanos) {
        ChildTerms {
            transforms = List.copyOf(transforms);
        }

        ChildTerms triedAt(long nowNanos, long retryNanos) {
            return new ChildTerms(transforms, pfs, deadline, nowNanos + retryNanos);
        }
    }

    /**
     * The peer's rekey exchange that we answered while ours of the same SA was in flight: its nonces (the peer's Ni,
     * our Nr) decide which new SA is redundant (§2.8.1), and what it created, a Child SA or an IKE SA.
     */
    record Crossed(byte[] peerNonce, byte[] ourNonce, Dataplane.ChildSa child, IkeSa ikeSa) {
        @Override
        public String toString() {
            return "Crossed[" + (child != null ? "Child SA" : "IKE SA") + ", nonces hidden]";
        }
    }

    /**
     * The traffic selectors of one Child SA as installed: ours and the peer's side, and what the peer first asked for
     * on our side (kept across rekeys, so a route change narrows the original request again, §2.9).
     */
    record Selectors(List<TrafficSelector> local, List<TrafficSelector> remote, List<TrafficSelector> requested) {
        Selectors {
            local = List.copyOf(local);
            remote = List.copyOf(remote);
            requested = List.copyOf(requested);
        }
    }

    IkeSa(boolean originalInitiator, long spiI, long spiR, InetSocketAddress peer, InetSocketAddress local,
            long nowNanos) {
        this(originalInitiator, !originalInitiator, HexFormat.of().toHexDigits(spiI), spiI, spiR, peer, local,
                nowNanos);
    }

    /** A successor created by an IKE SA rekey (§2.18) keeps the id and address role of its predecessor. */
    IkeSa(boolean originalInitiator, boolean assignsAddresses, String id, long spiI, long spiR, InetSocketAddress peer,
            InetSocketAddress local, long nowNanos) {
        this.assignsAddresses = assignsAddresses;
        this.id = id;
        this.originalInitiator = originalInitiator;
        this.spiI = spiI;
        this.spiR = spiR;
        this.peer = peer;
        this.local = local;
        this.createdNanos = nowNanos;
        this.state = originalInitiator ? State.INIT_SENT : State.AUTHENTICATING;
    }

    /** The original initiator's SPI. */
    public long initiatorSpi() {
        return spiI;
    }

    /** The original responder's SPI, 0 before IKE_SA_INIT completed. */
    public long responderSpi() {
        return spiR;
    }

    /** Whether MOBIKE was negotiated (RFC 4555 §3.1). */
    public boolean mobike() {
        return mobike;
    }

    /** Our SPI: the key of this SA in the table. */
    public long localSpi() {
        return originalInitiator ? spiI : spiR;
    }

    public State state() {
        return state;
    }

    public boolean originalInitiator() {
        return originalInitiator;
    }

    /** The peer's authenticated identity, empty before IKE_AUTH. */
    public String identity() {
        return identity;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public List<IpAddress> innerAddresses() {
        return List.copyOf(innerAddresses);
    }

    /** Initiator: the DNS servers (INTERNAL_IP4_DNS, INTERNAL_IP6_DNS) the responder's configuration reply offered. */
    public List<IpAddress> dnsServers() {
        return List.copyOf(dnsServers);
    }

    public List<Dataplane.ChildSa> children() {
        return List.copyOf(children);
    }

    /**
     * The SK cipher of our direction, for a {@link FragmentationHook} (RFC 7383 §2.5 protects each fragment with the
     * IKE SA's keys); null before IKE_SA_INIT completed. Use only inside the hook, which runs under the SA's lock.
     */
    public IkeCipher outboundCipher() {
        return sk == null ? null : sk.outbound();
    }

    /** The SK cipher of the peer's direction, for reassembly (RFC 7383 §2.6); null before IKE_SA_INIT completed. */
    public IkeCipher inboundCipher() {
        return sk == null ? null : sk.inbound();
    }

    /** The stable id of ChildSaSpec#ikeSaId: the first IKE SA's initiator SPI in hex, kept across rekeys. */
    public String id() {
        return id;
    }

    /** True once an IKE SA rekey replaced this SA; it only waits for its Delete. */
    public boolean superseded() {
        return superseded;
    }

    /** The Child SA the peer knows by {@code peerInboundSpi} (our outbound SPI). */
    Optional<Dataplane.ChildSa> childByOutbound(int peerInboundSpi) {
        return children.stream().filter(c -> c.outboundSpi() == peerInboundSpi).findFirst();
    }

    /** Forgets a Child SA that was removed from the data plane. */
    void forget(Dataplane.ChildSa child) {
        children.remove(child);
        childSelectors.remove(child.inboundSpi());
        childTerms.remove(child.inboundSpi());
        replacedChildren.remove(child.inboundSpi());
        routePushSettled.remove(child.inboundSpi());
    }

    /** Removes every Child SA from the data plane and forgets it with its selectors and timers. */
    void removeChildren() {
        children.forEach(Dataplane.ChildSa::remove);
        children.clear();
        childSelectors.clear();
        childTerms.clear();
        replacedChildren.clear();
        expiredChildren.clear();
        routePushSettled.clear();
        routePushPending = false;
    }

    /** A header for a message of ours: flags from our role (RFC 7296 §3.1). */
    IkeHeader header(int exchangeType, boolean response, long messageId) {
        return IkeHeader.of(spiI, spiR, exchangeType, originalInitiator, response, messageId);
    }

    String suiteName() {
        return sk == null ? "-" : sk.suite().encryption() + "/" + sk.suite().encryptionKeyBits() + " "
                + sk.suite().prf() + " " + sk.suite().integrity() + " " + sk.suite().group();
    }

    @Override
    public String toString() {
        return "IkeSa[" + id() + " " + state + " " + (originalInitiator ? "initiator" : "responder") + " peer " + peer
                + (identity.isEmpty() ? "" : " " + identity) + "]";
    }
}
