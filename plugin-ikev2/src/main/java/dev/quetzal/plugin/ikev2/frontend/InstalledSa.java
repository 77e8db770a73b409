package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.List;

/** One Child SA as the data plane holds it: its ESP state, its policy and the session it belongs to. */
final class InstalledSa implements Dataplane.ChildSa {
    final EspSa esp;
    final SaPolicy policy;
    final Ikev2Session session;
    /** The port of the socket its ESP arrives on and leaves from (one receiving thread per SA). */
    final int localPort;
    /** As agreed, for status: TSr (what the peer reaches through us) and TSi. */
    final List<TrafficSelector> localSelectors;
    final List<TrafficSelector> remoteSelectors;
    private final EspDataplane owner;
    private volatile long lastInboundNanos;

    InstalledSa(ChildSaSpec spec, Ikev2Session session, EspDataplane owner) {
        this.esp = new EspSa(spec.esp());
        this.policy = SaPolicy.of(spec);
        this.session = session;
        this.localPort = spec.local().getPort();
        this.localSelectors = spec.localSelectors();
        this.remoteSelectors = spec.remoteSelectors();
        this.owner = owner;
    }

    void verifiedAt(long nanos) {
        // 0 means "never" to the engine; a clock that reads 0 still counts as a packet.
        lastInboundNanos = nanos == 0 ? 1 : nanos;
    }

    @Override
    public int inboundSpi() {
        return esp.inboundSpi();
    }

    @Override
    public int outboundSpi() {
        return esp.outboundSpi();
    }

    @Override
    public boolean rekeyNeeded() {
        return esp.rekeyNeeded();
    }

    @Override
    public long lastInboundNanos() {
        return lastInboundNanos;
    }

    @Override
    public void remove() {
        owner.remove(this);
    }

    @Override
    public String toString() {
        return "ChildSa[" + esp + ", ike=" + session.id() + "]";
    }
}
