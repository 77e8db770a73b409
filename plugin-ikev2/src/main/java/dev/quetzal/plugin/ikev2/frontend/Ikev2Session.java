package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.plugin.ikev2.esp.EspEncryptResult;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * One IKE SA's client, as the router sees it: its identity and inner addresses, where its ESP goes now,
 * and its Child SAs. Packets for it are protected with the newest Child SA whose selectors carry them
 * (after a rekey the new SA takes over at once, RFC 7296 §2.8) and sent from the NAT-T socket.
 *
 * <p>Threads: {@link #deliver} runs on any router caller at once and reads only volatile snapshots; the
 * SA lists change under the data plane's lock.
 */
public final class Ikev2Session implements ClientSession {
    private static final InstalledSa[] NONE = new InstalledSa[0];

    private final String id;
    private final String identity;
    private final List<IpAddress> innerAddresses;
    private final EspSender sender;
    private final FrontendCounters counters;
    private volatile InetSocketAddress peer;
    /** Whether verified ESP from a new address moves {@link #peer} (the IKE SA's rule, PeerMove in the engine). */
    private volatile boolean followsRebinding = true;
    /** Every installed SA, inbound included; newest first. */
    private volatile InstalledSa[] all = NONE;
    /** SAs that may still send (not replaced by a rekey); newest first. */
    private volatile InstalledSa[] outbound = NONE;
    private PacketRouter.Attachment attachment;

    Ikev2Session(String id, String identity, List<IpAddress> innerAddresses, InetSocketAddress peer,
            EspSender sender, FrontendCounters counters) {
        this.id = id;
        this.identity = identity;
        this.innerAddresses = List.copyOf(innerAddresses);
        this.peer = peer;
        this.sender = sender;
        this.counters = counters;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public List<IpAddress> innerAddresses() {
        return innerAddresses;
    }

    @Override
    public InetSocketAddress remoteEndpoint() {
        return peer;
    }

    @Override
    public void deliver(PacketBuffer packet) {
        try {
            InstalledSa[] sending = outbound;
            if (sending.length == 0) {
                counters.noSession.increment();
                return;
            }
            InstalledSa sa = outboundFor(sending, packet);
            if (sa == null) {
                counters.tsViolation.increment();
                return;
            }
            int innerLength = packet.length();
            EspEncryptResult result = sa.esp.encrypt(packet);
            if (result instanceof EspEncryptResult.Refused refused) {
                counters.refused(refused.reason()).increment();
                return;
            }
            if (sender.send(packet, peer, sa.localPort)) {
                counters.espOutPackets.increment();
                counters.espOutBytes.add(innerLength);
            } else {
                counters.sendErrors.increment();
            }
        } finally {
            packet.release();
        }
    }

    private static InstalledSa outboundFor(InstalledSa[] sending, PacketBuffer packet) {
        for (InstalledSa sa : sending) {
            if (sa.policy.outboundAllowed(packet)) {
                return sa;
            }
        }
        return null;
    }

    boolean followsRebinding() {
        return followsRebinding;
    }

    void followsRebinding(boolean follows) {
        followsRebinding = follows;
    }

    /** A verified packet came from {@code from}; true when that moved the peer. */
    boolean movePeer(InetSocketAddress from) {
        InetSocketAddress current = peer;
        if (current == from || current.equals(from)) {
            return false;
        }
        peer = from;
        return true;
    }

    /** Called under the data plane's lock. {@code replaced} stops sending at once but keeps receiving. */
    void add(InstalledSa sa, InstalledSa replaced) {
        all = prepend(all, sa);
        InstalledSa[] sending = replaced == null ? outbound : without(outbound, replaced);
        outbound = prepend(sending, sa);
    }

    /** Called under the data plane's lock; true when this was the last SA. */
    boolean remove(InstalledSa sa) {
        all = without(all, sa);
        outbound = without(outbound, sa);
        return all.length == 0;
    }

    int childSaCount() {
        return all.length;
    }

    List<InstalledSa> childSas() {
        return List.of(all);
    }

    void attached(PacketRouter.Attachment attachment) {
        this.attachment = attachment;
    }

    void detach() {
        if (attachment != null) {
            attachment.close();
        }
    }

    private static InstalledSa[] prepend(InstalledSa[] list, InstalledSa sa) {
        InstalledSa[] out = new InstalledSa[list.length + 1];
        out[0] = sa;
        System.arraycopy(list, 0, out, 1, list.length);
        return out;
    }

    private static InstalledSa[] without(InstalledSa[] list, InstalledSa sa) {
        return Arrays.stream(list).filter(s -> s != sa).toArray(InstalledSa[]::new);
    }

    @Override
    public String toString() {
        return "Ikev2Session[" + id + ", " + identity + ", " + innerAddresses + ", peer " + peer + "]";
    }
}
