package dev.quetzal.plugin.ikev2.engine;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.esp.EspSaConfig;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A negotiated Child SA, ready to carry packets.
 *
 * @param ikeSaId a stable id of the owning IKE SA (for logs and grouping), e.g. the initiator's SPI in hex
 * @param identity the peer's authenticated identity (for logs and status)
 * @param esp SPIs, transform and keys for {@link dev.quetzal.plugin.ikev2.esp.EspSa}
 * @param peer where ESP-in-UDP goes (the IKE SA's current peer address and port)
 * @param local our address and port (the NAT-T port, or the single port)
 * @param localSelectors TSr as agreed (what the peer may reach through us)
 * @param remoteSelectors TSi as agreed (what may come from the peer)
 * @param innerAddresses the addresses the peer got through the configuration payload (its inner source)
 * @param replaces the inbound SPI of the Child SA this one rekeys, or 0 when it is new
 * @param followsRebinding a verified ESP packet from a new address moves the peer (RFC 7296 §2.23: a NAT is in front
 *     of the peer; not with MOBIKE, RFC 4555 §3.5, where only UPDATE_SA_ADDRESSES does)
 */
public record ChildSaSpec(
        String ikeSaId,
        String identity,
        EspSaConfig esp,
        InetSocketAddress peer,
        InetSocketAddress local,
        List<TrafficSelector> localSelectors,
        List<TrafficSelector> remoteSelectors,
        List<IpAddress> innerAddresses,
        int replaces,
        boolean followsRebinding) {
    /** A Child SA whose ESP follows a NAT rebinding of its peer. */
    public ChildSaSpec(String ikeSaId, String identity, EspSaConfig esp, InetSocketAddress peer,
            InetSocketAddress local, List<TrafficSelector> localSelectors, List<TrafficSelector> remoteSelectors,
            List<IpAddress> innerAddresses, int replaces) {
        this(ikeSaId, identity, esp, peer, local, localSelectors, remoteSelectors, innerAddresses, replaces, true);
    }

    public ChildSaSpec {
        Objects.requireNonNull(ikeSaId, "ikeSaId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(esp, "esp");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(local, "local");
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
        innerAddresses = List.copyOf(innerAddresses);
    }
}
