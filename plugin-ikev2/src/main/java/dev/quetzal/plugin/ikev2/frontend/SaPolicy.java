package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.List;
import java.util.stream.LongStream;

/**
 * What one Child SA may carry (RFC 4301 §5.2: an inbound packet must match the SA's selectors, else it is
 * dropped). Inbound, the source must be in the peer's selectors (TSi for a responder) and, when the peer
 * was given inner addresses, be one of them (no spoofing other clients); the destination must be in our
 * selectors. Outbound is the mirror image, used to pick the SA for a packet.
 */
final class SaPolicy {
    private final SelectorSet local;
    private final SelectorSet remote;
    private final boolean checkInner;
    private final int[] innerV4;
    private final long[] innerV6;

    SaPolicy(List<TrafficSelector> localSelectors,
            List<TrafficSelector> remoteSelectors,
            List<IpAddress> innerAddresses) {
        this.local = SelectorSet.of(localSelectors);
        this.remote = SelectorSet.of(remoteSelectors);
        this.checkInner = !innerAddresses.isEmpty();
        this.innerV4 = innerAddresses.stream().filter(a -> a instanceof Ipv4Address)
                .mapToInt(a -> ((Ipv4Address) a).bits()).toArray();
        this.innerV6 = innerAddresses.stream().filter(a -> a instanceof Ipv6Address)
                .flatMapToLong(a -> LongStream.of(((Ipv6Address) a).high(), ((Ipv6Address) a).low()))
                .toArray();
    }

    static SaPolicy of(ChildSaSpec spec) {
        return new SaPolicy(spec.localSelectors(), spec.remoteSelectors(), spec.innerAddresses());
    }

    /** A decrypted packet from the peer: may it enter? */
    boolean inboundAllowed(PacketBuffer packet) {
        if (!remote.acceptsSource(packet) || !local.acceptsDestination(packet)) {
            return false;
        }
        if (!checkInner) {
            return true;
        }
        return packet.ipVersion() == 4 ? InnerPacket.ipv4SourceIn(packet, innerV4)
                : InnerPacket.ipv6SourceIn(packet, innerV6);
    }

    /** A packet for the peer: does this SA carry it? */
    boolean outboundAllowed(PacketBuffer packet) {
        return local.acceptsSource(packet) && remote.acceptsDestination(packet);
    }
}
